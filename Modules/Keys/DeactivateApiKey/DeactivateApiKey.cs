using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Keys.DeactivateApiKey;

public sealed record DeactivateApiKeyResponse(bool Success, string Message, ApiKeyResponse ApiKey);

internal static class DeactivateApiKeyEndpoint
{
    public const string Deactivated = "API key deactivated";
    public const string AlreadyDeactivated = "API key already deactivated";

    public static void MapDeactivateApiKey(this RouteGroupBuilder group) =>
        group.MapDelete("/{id}", Handle)
            .WithExample(null, ApiKeyExamples.Deactivated)
            .WithName("DeactivateApiKey")
            .WithSummary("Deactivate an API key")
            .WithDescription("The key is refused from the next request on, on every host, and stays in the list as history.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, AlreadyDeactivated)
            .DocumentsProblem(StatusCodes.Status404NotFound, ApiKeyQueries.NotFound);

    private static async Task<Results<Ok<DeactivateApiKeyResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, NpgsqlDataSource dataSource, ApiKeyCache keyCache, IEventOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var keyId)) return Problems.NotFound(ApiKeyQueries.NotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ApiKeyQueries.RevokeAsync(connection, transaction, outbox, gerant.TenantId, keyId, null, clock.GetUtcNow().UtcDateTime) is not { } revoked)
        {
            var existing = await ApiKeyQueries.FindAsync(connection, gerant.TenantId, keyId);
            return existing is null ? Problems.NotFound(ApiKeyQueries.NotFound) : Problems.BadRequest(AlreadyDeactivated);
        }
        await transaction.CommitAsync(cancellationToken);
        keyCache.Evict(revoked);
        var row = (await ApiKeyQueries.FindAsync(connection, gerant.TenantId, keyId))!;
        return TypedResults.Ok(new DeactivateApiKeyResponse(true, Deactivated, ApiKeyResponse.From(row)));
    }
}
