using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Keys.Provides;

/// <summary>The Keys module's side of the authentication step: presented secret → caller, or why not.</summary>
internal sealed class ApiKeyAuthenticator(NpgsqlDataSource dataSource, ApiKeyCache cache, KeyUsageRecorder usage, TimeProvider clock)
    : IApiKeyAuthenticator
{
    private sealed record KeyRow
    {
        public Guid TenantId { get; init; }
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string[] Permissions { get; init; } = [];
        public Guid[]? StoreIds { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public Guid CreatedBy { get; init; }
        public bool Active { get; init; }
        public int? RateLimitPerSecond { get; init; }
    }

    public async ValueTask<ApiKeyAuthentication> AuthenticateAsync(string presentedKey, IDictionary<object, object?>? connectionItems,
        CancellationToken cancellationToken)
    {
        if (!ApiKeySecrets.IsWellFormed(presentedKey)) return ApiKeyAuthentication.Invalid;
        var hash = PresentedKeyMemo.HashOf(presentedKey, connectionItems);
        if (!cache.TryGet(hash, out var key)) key = await LoadAndCacheAsync(hash, cancellationToken);

        if (key is null) return ApiKeyAuthentication.Invalid;
        // Refused, but whose: the request log ties the refusal to the tenant's key, for the gérant to see.
        if (!key.Active) return new ApiKeyAuthentication(ApiKeyStatus.Revoked, key.Caller);
        if (key.Caller.ExpiresAt is { } expiresAt && expiresAt <= clock.GetUtcNow()) return new ApiKeyAuthentication(ApiKeyStatus.Expired, key.Caller);

        usage.Touch(key.Caller.TenantId, key.Caller.KeyId);
        return key.Valid;
    }


    private async ValueTask<CachedKey?> LoadAndCacheAsync(KeyHash hash, CancellationToken cancellationToken)
    {
        var generation = cache.Generation;
        var key = await LoadAsync(hash.ToBytes(), cancellationToken);
        cache.Set(hash, key, generation);
        return key;
    }

    private async Task<CachedKey?> LoadAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>("""
            SELECT tenant_id, id, name, permissions, store_ids, expires_at, created_by, active, rate_limit_per_second
            FROM keys.api_keys WHERE key_hash = @hash
            """, new { hash });
        if (row is null) return null;
        var caller = new ApiKeyCaller(row.Id, row.Name, row.TenantId, row.CreatedBy,
            row.Permissions.ToHashSet(), row.StoreIds?.ToHashSet(),
            row.ExpiresAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null, row.RateLimitPerSecond);
        return new CachedKey(caller, row.Active);
    }
}
