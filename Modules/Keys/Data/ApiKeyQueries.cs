using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Keys.Data;

internal static class ApiKeyQueries
{
    /// <summary>Inserts a key with a fresh secret; returns the secret and the row.</summary>
    public static async Task<(string Secret, ApiKeyRow Row)> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid tenantId, Guid createdBy, string name, string[] permissions, Guid[]? storeIds, int? expiresInDays, int? rateLimitPerSecond, DateTime now)
    {
        var secret = ApiKeySecrets.NewSecret();
        var row = await connection.QuerySingleAsync<ApiKeyRow>($"""
            INSERT INTO keys.api_keys (tenant_id, id, name, key_hash, key_hint, permissions, store_ids, expires_in_days, expires_at, created_by, created_at,
                                       rate_limit_per_second)
            VALUES (@tenantId, @id, @name, @hash, @hint, @permissions, @storeIds, @expiresInDays, @expiresAt, @createdBy, @now, @rateLimitPerSecond)
            RETURNING {ApiKeyRow.Columns}
            """,
            new
            {
                tenantId, id = Guid.CreateVersion7(), name, hash = ApiKeySecrets.HashOf(secret).ToBytes(), hint = ApiKeySecrets.Hint(secret),
                permissions, storeIds, expiresInDays, expiresAt = expiresInDays is { } days ? now.AddDays(days) : (DateTime?)null,
                createdBy, now, rateLimitPerSecond,
            }, transaction);
        return (secret, row);
    }

    /// <summary>
    /// Disables a key inside <paramref name="transaction"/> and tells every host (NOTIFY is delivered on
    /// commit) to forget it. Returns the key's hash, for the caller to evict it from this host's cache as soon as
    /// it has committed (the notification reaches this host too, but not necessarily before its next request);
    /// null when the key was not active.
    /// </summary>
    public static async Task<KeyHash?> RevokeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEventOutbox outbox,
        Guid tenantId, Guid id, Guid? replacedBy, DateTime now)
    {
        var revoked = await connection.QuerySingleOrDefaultAsync<(byte[] Hash, string Name, DateTime? ExpiresAt)?>("""
            UPDATE keys.api_keys SET active = false, revoked_at = @now, replaced_by = @replacedBy
            WHERE tenant_id = @tenantId AND id = @id AND active
            RETURNING key_hash, name, expires_at
            """, new { tenantId, id, replacedBy, now }, transaction);
        if (revoked is not var (hash, name, expiresAt)) return null;
        await outbox.AddAsync(new SharedTransaction(connection, transaction), tenantId, EventTypes.ApiKeyRevoked,
            new ApiKeyEventData(id, name, expiresAt, now));
        await connection.ExecuteAsync($"SELECT pg_notify('{KeyRevocationListener.Channel}', @payload)",
            new { payload = Convert.ToHexString(hash) }, transaction);
        return KeyHash.From(hash);
    }

    public static Task<ApiKeyRow?> FindAsync(NpgsqlConnection connection, Guid tenantId, Guid id) =>
        connection.QuerySingleOrDefaultAsync<ApiKeyRow>(
            $"SELECT {ApiKeyRow.Columns} FROM keys.api_keys WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id });

    public const string NotFound = ProblemMessages.ApiKeyNotFound;
}
