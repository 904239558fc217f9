using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Keys.Provides;

/// <summary>
/// <c>keys.idempotency_requests</c>. A claim is one statement that commits at once, so of two requests racing with one key
/// the second sees the first's claim (409 while it runs). An expired claim (over 24 hours) is taken over in place.
/// </summary>
internal sealed class IdempotencyRecords(NpgsqlDataSource dataSource, TimeProvider clock) : IIdempotencyRecords
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    public async Task<IdempotencyOutcome> ClaimAsync(Guid tenantId, Guid scopeId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.ExecuteScalarAsync<bool?>("""
            INSERT INTO keys.idempotency_requests AS r (tenant_id, scope_id, idempotency_key, request_hash, created_at)
            VALUES (@tenantId, @scopeId, @key, @requestHash, @now)
            ON CONFLICT (tenant_id, scope_id, idempotency_key) DO UPDATE SET
                request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
                status = NULL, content_type = NULL, location = NULL, body = NULL, completed_at = NULL
            WHERE r.created_at < @expired
            RETURNING true
            """, new { tenantId, scopeId, key, requestHash, now, expired = now - KeptFor });
        if (claimed == true) return new IdempotencyOutcome(IdempotencyClaim.Claimed);

        var existing = await connection.QuerySingleOrDefaultAsync<(byte[] RequestHash, int? Status, string? ContentType, string? Location, byte[]? Body)>("""
            SELECT request_hash, status, content_type, location, body FROM keys.idempotency_requests
            WHERE tenant_id = @tenantId AND scope_id = @scopeId AND idempotency_key = @key
            """, new { tenantId, scopeId, key });
        // Released between the two statements (its request failed): the caller may simply retry.
        // Still running: 409 whatever this request is (its answer is not known yet).
        if (existing.RequestHash is null || existing.Status is not { } status) return new IdempotencyOutcome(IdempotencyClaim.InProgress);
        if (!existing.RequestHash.AsSpan().SequenceEqual(requestHash)) return new IdempotencyOutcome(IdempotencyClaim.Mismatch);
        return new IdempotencyOutcome(IdempotencyClaim.Replay, new IdempotentAnswer(status, existing.ContentType, existing.Location, existing.Body ?? []));
    }

    public async Task CompleteAsync(Guid tenantId, Guid scopeId, string key, IdempotentAnswer answer)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            UPDATE keys.idempotency_requests SET status = @Status, content_type = @ContentType, location = @Location, body = @Body, completed_at = @now
            WHERE tenant_id = @tenantId AND scope_id = @scopeId AND idempotency_key = @key
            """, new { answer.Status, answer.ContentType, answer.Location, answer.Body, now = clock.GetUtcNow().UtcDateTime, tenantId, scopeId, key });
    }

    public async Task ReleaseAsync(Guid tenantId, Guid scopeId, string key)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            DELETE FROM keys.idempotency_requests WHERE tenant_id = @tenantId AND scope_id = @scopeId AND idempotency_key = @key AND status IS NULL
            """, new { tenantId, scopeId, key });
    }

    /// <summary>Rows past their 24 hours (run by <see cref="IdempotencyRecordsSweeper"/>).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM keys.idempotency_requests WHERE created_at < @expired",
            new { expired = clock.GetUtcNow().UtcDateTime - KeptFor });
    }
}
