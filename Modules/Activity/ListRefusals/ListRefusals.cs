using RetailPerformer.Activity.Data;
using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Activity.ListRefusals;

/// <summary>One key's refusals in the window: 401 (revoked or expired key), 403 (scope or store), 429 (rate limit).</summary>
public sealed record KeyRefusals(Guid KeyId, string Name, long Unauthorized, long Forbidden, long TooManyRequests, DateTime LastAt);

public sealed record ListRefusalsResponse(DateTime Since, long Unauthorized, long Forbidden, long TooManyRequests, IReadOnlyList<KeyRefusals> Keys);

internal static class ListRefusalsEndpoint
{
    public const int Hours = 24;

    public const string ResponseExample = """
        {"since": "2025-12-08T10:00:00Z", "unauthorized": 12, "forbidden": 3, "too_many_requests": 0,
         "keys": [{"key_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a61", "name": "Ancien connecteur caisse", "unauthorized": 12, "forbidden": 0,
                   "too_many_requests": 0, "last_at": "2025-12-09T09:00:00Z"},
                  {"key_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a62", "name": "n8n nightly sync", "unauthorized": 0, "forbidden": 3,
                   "too_many_requests": 0, "last_at": "2025-12-09T02:00:00Z"}]}
        """;

    public static void MapListRefusals(this RouteGroupBuilder group) =>
        group.MapGet("/refusals", Handle)
            .WithExample(null, ResponseExample)
            .WithName("ListRefusals")
            .WithSummary("Refused integration requests of the last 24 hours, per key")
            .WithDescription("""
                What the notice asks to watch: requests of your keys answered 401 (a revoked or expired key still in use), 403 (a permission or a store
                the key lacks) and 429 (over its rate limit) in the last 24 hours (from the start of the hour 24 hours ago), in total and per key, the
                keys with the most refusals first. `last_at` is the hour of the key's last refusal. A key nobody issued cannot be tied to you: those
                requests are not here.
                """);

    private static async Task<Ok<ListRefusalsResponse>> Handle(AppUser gerant, IApiKeyDirectory keys, NpgsqlDataSource dataSource, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-Hours);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = ActivitySql.Command(connection, """
            SELECT key_id, sum(count) FILTER (WHERE status = 401)::bigint, sum(count) FILTER (WHERE status = 403)::bigint,
                   sum(count) FILTER (WHERE status = 429)::bigint, max(hour)
            FROM activity.request_counts WHERE tenant_id = $1 AND hour >= $2 AND status IN (401, 403, 429)
            GROUP BY key_id
            """, gerant.TenantId, since);
        var rows = new List<(Guid Key, long Unauthorized, long Forbidden, long TooMany, DateTime Last)>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                rows.Add((reader.GetGuid(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                    reader.IsDBNull(3) ? 0 : reader.GetInt64(3), reader.GetDateTime(4)));
        var names = await keys.NamesAsync(gerant.TenantId, rows.Select(r => r.Key).ToList(), cancellationToken);
        var perKey = rows.Select(r => new KeyRefusals(r.Key, names.GetValueOrDefault(r.Key, ""), r.Unauthorized, r.Forbidden, r.TooMany, r.Last))
            .OrderByDescending(k => k.Unauthorized + k.Forbidden + k.TooManyRequests).ThenBy(k => k.Name, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ListRefusalsResponse(since, perKey.Sum(k => k.Unauthorized), perKey.Sum(k => k.Forbidden),
            perKey.Sum(k => k.TooManyRequests), perKey));
    }
}
