namespace RetailPerformer.Activity.Data;

/// <summary>
/// A key's logged requests as the gérant's pages read them, newest first: which blocks hold the page is worked out from
/// the blocks' (route, status) counts, and only those blocks are opened — a page costs the same with ten requests logged
/// or ten million.
/// </summary>
internal static class RequestBlocks
{
    /// <summary>The requests of a key in [from, to), with a status between low and high, on one route or any.</summary>
    public sealed record Filter(Guid TenantId, Guid KeyId, DateTime From, DateTime To, short Low, short High, string? Route);

    public static async Task<(long Total, List<LoggedRequest> Page)> PageAsync(NpgsqlConnection connection, Filter filter, int offset, int limit,
        CancellationToken cancellationToken)
    {
        // Blocks newest first (the order they were written, within a day), each with how many of its requests match and
        // how many matching requests the newer blocks hold; the page's blocks are those that overlap [offset, offset + limit).
        await using var select = ActivitySql.Command(connection, """
            WITH matching AS (
                SELECT b.first_at, b.entries, m.n, sum(m.n) OVER (ORDER BY b.first_at DESC, b.ctid DESC) AS upto
                FROM activity.request_blocks b
                CROSS JOIN LATERAL (SELECT coalesce(sum(p.c), 0)::bigint AS n FROM unnest(b.pair_routes, b.pair_statuses, b.pair_counts) AS p(r, s, c)
                                    WHERE p.s BETWEEN $5 AND $6 AND ($7::text IS NULL OR p.r = $7)) m
                WHERE b.key_id = $2 AND b.tenant_id = $1 AND b.first_at >= $3 AND b.first_at < $4 AND m.n > 0),
            page AS (SELECT first_at, entries, upto - n AS newer FROM matching WHERE upto > $8 AND upto - n < $8 + $9)
            SELECT (SELECT coalesce(sum(n), 0) FROM matching)::bigint, page.first_at, page.entries, page.newer
            FROM (SELECT) one LEFT JOIN page ON true ORDER BY page.newer
            """, filter.TenantId, filter.KeyId, filter.From, filter.To, filter.Low, filter.High, filter.Route, (long)offset, (long)limit);
        long total = 0;
        var requests = new List<LoggedRequest>(limit);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt64(0);
            if (reader.IsDBNull(1)) break;
            var skip = (int)Math.Max(0, offset - reader.GetInt64(3));
            requests.AddRange(BlockEntries.ReadNewestFirst(reader.GetDateTime(1), reader.GetFieldValue<byte[]>(2), filter.Low, filter.High, filter.Route,
                skip, limit - requests.Count));
        }
        return (total, requests);
    }

    /// <summary>The key's last request answered 4xx or 5xx, within the retention.</summary>
    public static async Task<LoggedRequest?> LastErrorAsync(NpgsqlConnection connection, Guid tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var select = ActivitySql.Command(connection, """
            SELECT first_at, entries FROM activity.request_blocks WHERE key_id = $2 AND tenant_id = $1 AND errors > 0 ORDER BY first_at DESC, ctid DESC LIMIT 1
            """, tenantId, keyId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? BlockEntries.ReadNewestFirst(reader.GetDateTime(0), reader.GetFieldValue<byte[]>(1), 400, short.MaxValue, null, 0, 1).SingleOrDefault()
            : null;
    }
}
