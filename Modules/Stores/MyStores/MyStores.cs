using RetailPerformer.Shared.Contracts;

namespace RetailPerformer.Stores.MyStores;

public sealed record MyStoresPerson(Guid Id, string Name, string Email, string Status);

public sealed record MyStoresStore(
    Guid StoreId, string StoreName, string? StoreAddress, string Location, bool Active,
    int ManagersCount, IReadOnlyList<MyStoresPerson> Managers, int SellersCount, IReadOnlyList<MyStoresPerson> Sellers);

/// <summary>The v1.2 guide's shape.</summary>
public sealed record MyStoresResponse(IReadOnlyList<MyStoresStore> Stores, int TotalStores, int TotalManagers, int TotalSellers);

internal static class MyStoresEndpoint
{
    public static void MapMyStores(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/my-stores", Handle)
            .RequireAuthorization(Scopes.PolicyFor(Scopes.StatsRead, Scopes.StoresRead))
            .WithName(family.Name("MyStores"))
            .WithExample(null, SeedExamples.MyStoresResponse)
            .WithSummary("My stores, with their managers and sellers")
            .WithDescription("Every store the key reaches with its managers and sellers who are not deleted (ids, names, emails) — the ids to send KPI with. Needs `stats:read` or `stores:read`. 404 when the key reaches no store. Two queries whatever the number of stores.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<MyStoresResponse>, ProblemHttpResult>> Handle(
        ApiKeyCaller caller, IStoreDirectory stores, IStaffDirectory staff, CancellationToken cancellationToken)
    {
        var reachable = await stores.ListAsync(caller.TenantId, caller.AllowedStoreIds, cancellationToken);
        if (reachable.Count == 0) return Problems.NotFound(ProblemMessages.NoAccessibleStore);

        var people = (await staff.ListByStoresAsync(caller.TenantId, reachable.Select(s => s.Id).ToList(), cancellationToken))
            .ToLookup(p => p.StoreId);
        var result = reachable.Select(store =>
        {
            var managers = people[store.Id].Where(p => p.Role == Roles.Manager).Select(p => new MyStoresPerson(p.Id, p.Name, p.Email, p.Status)).ToList();
            var sellers = people[store.Id].Where(p => p.Role == Roles.Seller).Select(p => new MyStoresPerson(p.Id, p.Name, p.Email, p.Status)).ToList();
            return new MyStoresStore(store.Id, store.Name, store.Address, store.Location, store.Active, managers.Count, managers, sellers.Count, sellers);
        }).ToList();
        return TypedResults.Ok(new MyStoresResponse(result, result.Count, result.Sum(s => s.ManagersCount), result.Sum(s => s.SellersCount)));
    }
}
