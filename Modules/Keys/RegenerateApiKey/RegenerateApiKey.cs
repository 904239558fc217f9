using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Keys.RegenerateApiKey;

internal static class RegenerateApiKeyEndpoint
{
    public const string DeactivatedCannotBeRegenerated = "A deactivated API key cannot be regenerated";

    public static void MapRegenerateApiKey(this RouteGroupBuilder group) =>
        group.MapPost("/{id}/regenerate", Handle)
            .NoStore()
            .WithExample(null, ApiKeyExamples.Secret)
            .WithName("RegenerateApiKey")
            .WithSummary("Regenerate an API key")
            .WithDescription("Issues a new key with the same name, permissions, store_ids and expiry policy (expires_in_days counted from now); the old key is refused from the next request on, on every host.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, DeactivatedCannotBeRegenerated)
            .DocumentsProblem(StatusCodes.Status404NotFound, ApiKeyQueries.NotFound);

    private static async Task<Results<Created<ApiKeySecretResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, NpgsqlDataSource dataSource, ApiKeyCache keyCache, IEventOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var keyId)) return Problems.NotFound(ApiKeyQueries.NotFound);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var old = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(
            $"SELECT {ApiKeyRow.Columns} FROM keys.api_keys WHERE tenant_id = @TenantId AND id = @keyId FOR UPDATE",
            new { gerant.TenantId, keyId }, transaction);
        if (old is null) return Problems.NotFound(ApiKeyQueries.NotFound);
        if (!old.Active) return Problems.BadRequest(DeactivatedCannotBeRegenerated);

        var (secret, replacement) = await ApiKeyQueries.InsertAsync(connection, transaction, gerant.TenantId, gerant.UserId,
            old.Name, old.Permissions, old.StoreIds, old.ExpiresInDays, old.RateLimitPerSecond, now);
        var revoked = await ApiKeyQueries.RevokeAsync(connection, transaction, outbox, gerant.TenantId, old.Id, replacement.Id, now);
        await transaction.CommitAsync(cancellationToken);
        if (revoked is { } hash) keyCache.Evict(hash);

        return TypedResults.Created($"/api/gerant/api-keys/{replacement.Id}",
            new ApiKeySecretResponse(secret, ApiKeySecretResponse.ShownOnce, ApiKeyResponse.From(replacement)));
    }
}
