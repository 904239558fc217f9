
namespace RetailPerformer.Stores.GetStore;

internal static class GetStoreEndpoint
{
    public static void MapGetStore(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/stores/{store_id}", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .RequireStoreAccess(new StoreFrom.Route())
            .WithExample(null, StoreExamples.Store)
            .WithName(family.Name("GetStore"))
            .WithSummary("One store")
            .WithDescription("One store of the tenant, deleted (`active: false`) included. Another tenant's id is 404, as an unknown one.")
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.StoreNotFound);

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
