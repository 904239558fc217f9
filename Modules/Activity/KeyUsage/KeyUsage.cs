using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using System.Text.Json.Serialization;
using RetailPerformer.Activity.Data;
using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Activity.KeyUsage;

/// <summary>One UTC day of a key's requests by status class.</summary>
public sealed record KeyUsageDay(
    DateOnly Date, [property: JsonPropertyName("status_2xx")] long Status2xx, [property: JsonPropertyName("status_3xx")] long Status3xx,
    [property: JsonPropertyName("status_4xx")] long Status4xx, [property: JsonPropertyName("status_5xx")] long Status5xx);

/// <summary>The last request of the key answered 4xx or 5xx.</summary>
public sealed record KeyLastError(DateTime At, string Method, string Route, int Status, string? Detail, string RequestId);

public sealed record KeyUsageResponse(IReadOnlyList<KeyUsageDay> Days, long Requests, long Errors, KeyLastError? LastError);

internal static class KeyUsageEndpoint
{
    public const int Days = 30;

    public const string ResponseExample = """
        {"days": [{"date": "2025-12-08", "status_2xx": 52, "status_3xx": 0, "status_4xx": 0, "status_5xx": 0},
                  {"date": "2025-12-09", "status_2xx": 51, "status_3xx": 0, "status_4xx": 1, "status_5xx": 0}],
         "requests": 104, "errors": 1,
         "last_error": {"at": "2025-12-09T02:00:12.481Z", "method": "POST", "route": "/api/v1/integrations/kpi/sync", "status": 404,
                        "detail": "Sellers not found in store c2dd1ada-d0a2-4a90-be81-644b7cb78bc7: 9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11",
                        "request_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}}
        """;

    public static void MapKeyUsage(this RouteGroupBuilder group) =>
        group.MapGet("/{id}/usage", Handle)
            .WithExample(null, ResponseExample)
            .WithName("KeyUsage")
            .WithSummary("A key's usage: requests per day by status class over 30 days, and its last error")
            .WithDescription("""
                The last 30 UTC days, today included, oldest first, every day present (zeros when the key was not used): how many requests were
                answered 2xx, 3xx, 4xx and 5xx; their totals; and the last request answered 4xx or 5xx within the log's retention (`null` if none).
                """)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.ApiKeyNotFound);

    private static async Task<Results<Ok<KeyUsageResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, IApiKeyDirectory keys, [FromKeyedServices(StandbyReads.Key)] NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var keyId) || !await keys.BelongsToAsync(gerant.TenantId, keyId, cancellationToken))
            return Problems.NotFound(ProblemMessages.ApiKeyNotFound);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - Days);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var counts = ActivitySql.Command(connection, """
            SELECT (hour AT TIME ZONE 'UTC')::date, status / 100, sum(count)::bigint FROM activity.request_counts
            WHERE key_id = $2 AND tenant_id = $1 AND hour >= $3 GROUP BY 1, 2
            """, gerant.TenantId, keyId, first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var byDay = new Dictionary<(DateOnly, int), long>();
        await using (var reader = await counts.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                byDay[(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1))] = reader.GetInt64(2);
        var days = Enumerable.Range(0, Days).Select(first.AddDays).Select(day => new KeyUsageDay(day,
            byDay.GetValueOrDefault((day, 2)), byDay.GetValueOrDefault((day, 3)), byDay.GetValueOrDefault((day, 4)), byDay.GetValueOrDefault((day, 5)))).ToList();

        var last = await RequestBlocks.LastErrorAsync(connection, gerant.TenantId, keyId, cancellationToken) is { } error
            ? new KeyLastError(error.At, error.Method, error.Route, error.Status, error.Detail, error.RequestId)
            : null;
        return TypedResults.Ok(new KeyUsageResponse(days, days.Sum(d => d.Status2xx + d.Status3xx + d.Status4xx + d.Status5xx),
            days.Sum(d => d.Status4xx + d.Status5xx), last));
    }
}
