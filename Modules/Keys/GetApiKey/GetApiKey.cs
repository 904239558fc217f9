namespace RetailPerformer.Keys.GetApiKey;

internal static class GetApiKeyEndpoint
{
    public static void MapGetApiKey(this RouteGroupBuilder group) =>
        group.MapGet("/{id}", Handle)
            .WithExample(null, ApiKeyExamples.Key)
            .WithName("GetApiKey")
            .WithSummary("One API key")
            .WithDescription("One of the gérant's keys, deactivated ones included: never its secret, only its hint.")
            .DocumentsProblem(StatusCodes.Status404NotFound, ApiKeyQueries.NotFound);

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var keyId)) return Problems.NotFound(ApiKeyQueries.NotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await ApiKeyQueries.FindAsync(connection, gerant.TenantId, keyId);
        return row is null ? Problems.NotFound(ApiKeyQueries.NotFound) : TypedResults.Ok(ApiKeyResponse.From(row));
    }
}
