using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using System.Text.Json.Serialization;
using RetailPerformer.Shared.Contracts.Stores;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Stores.MyStores;

public sealed record MyStoresPerson(Guid Id, string Name, string Email, string Status);

public sealed record MyStoresStore(
    Guid StoreId, string StoreName, string? StoreAddress, string Location, bool Active,
    int ManagersCount, IReadOnlyList<MyStoresPerson> Managers, int SellersCount, IReadOnlyList<MyStoresPerson> Sellers);

/// <summary>The v1.2 guide's shape.</summary>
public sealed record MyStoresResponse(IReadOnlyList<MyStoresStore> Stores, int TotalStores, int TotalManagers, int TotalSellers);

/// <summary>my-stores' answer is large; serialized by generated code (see <see cref="TaggedJson{T}"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MyStoresResponse))]
internal sealed partial class MyStoresJson : JsonSerializerContext;

internal static class MyStoresEndpoint
{
    /// <summary>The seeds' answer (integration guide v1.2), for the reference page.</summary>
    public const string ResponseExample = """
        {"stores": [{"store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "store_name": "Skyco Lyon Part-Dieu",
                     "store_address": "45 Rue de la République, 69003 Lyon", "location": "69003 Lyon", "active": true, "managers_count": 1,
                     "managers": [{"id": "72468398-620f-42d1-977c-bd250f4d440a", "name": "DENIS TOM", "email": "Manager12@test.com", "status": "active"}],
                     "sellers_count": 1,
                     "sellers": [{"id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "name": "Vendeur Test 1", "email": "vendeur1@test.com", "status": "active"}]}],
         "total_stores": 1, "total_managers": 1, "total_sellers": 1}
        """;

    public static void MapMyStores(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/my-stores", Handle)
            .RequireApiKey(Scopes.StatsRead, Scopes.StoresRead)
            .WithName(family.Name("MyStores"))
            .WithExample(null, ResponseExample)
            .WithSummary("My stores, with their managers and sellers")
            .WithDescription("Every store the key reaches with its managers and sellers who are not deleted (ids, names, emails) — the ids to send KPI with. Needs `stats:read` or `stores:read`. 404 when the key reaches no store. Two queries whatever the number of stores. Tagged with an `ETag`: send it back in `If-None-Match` to get `304 Not Modified` (no body) while nothing it shows has changed.")
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.NoAccessibleStore);

    private static async Task<Results<TaggedJson<MyStoresResponse>, ProblemHttpResult>> Handle(
        ApiKeyCaller caller, [FromKeyedServices(StandbyReads.Key)] IStoreDirectory stores, [FromKeyedServices(StandbyReads.Key)] IStaffDirectory staff,
        CancellationToken cancellationToken)
    {
        var reachable = await stores.ListAsync(caller.TenantId, caller.AllowedStoreIds, cancellationToken);
        if (reachable.Count == 0) return Problems.NotFound(ProblemMessages.NoAccessibleStore);

        // One pass over the people (already by name), into each store's two lists.
        var lists = reachable.ToDictionary(s => s.Id, _ => (Managers: new List<MyStoresPerson>(), Sellers: new List<MyStoresPerson>()));
        foreach (var p in await staff.ListByStoresAsync(caller.TenantId, lists.Keys, cancellationToken))
        {
            if (!lists.TryGetValue(p.StoreId, out var store)) continue;
            (p.Role == Roles.Manager ? store.Managers : store.Sellers).Add(new MyStoresPerson(p.Id, p.Name, p.Email, p.Status));
        }
        var result = new List<MyStoresStore>(reachable.Count);
        int managers = 0, sellers = 0;
        foreach (var store in reachable)
        {
            var people = lists[store.Id];
            managers += people.Managers.Count;
            sellers += people.Sellers.Count;
            result.Add(new MyStoresStore(store.Id, store.Name, store.Address, store.Location, store.Active,
                people.Managers.Count, people.Managers, people.Sellers.Count, people.Sellers));
        }
        return new TaggedJson<MyStoresResponse>(
            new MyStoresResponse(result, result.Count, managers, sellers),
            MyStoresJson.Default.MyStoresResponse);
    }
}
