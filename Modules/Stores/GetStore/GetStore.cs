
namespace RetailPerformer.Stores.GetStore;

internal static class GetStoreEndpoint
{
    public static void MapGetStore(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/stores/{store_id}", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .RequireStoreAccess(new StoreFrom.Route())
            .WithName(family.Name("GetStore"))
            .WithSummary("One store")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<StoreResponse>, ProblemHttpResult>> Handle(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "store_id")] string storeId, ApiKeyCaller caller, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(storeId, out var id)) return Problems.NotFound(ProblemMessages.StoreNotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await StoreQueries.FindAsync(connection, caller.TenantId, id);
        return row is null ? Problems.NotFound(ProblemMessages.StoreNotFound) : TypedResults.Ok(StoreResponse.From(row));
    }
}
