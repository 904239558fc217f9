using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Activity.ListKeyRequests;

public sealed record ListKeyRequestsRequest
{
    [AllowedValues("2xx", "3xx", "4xx", "5xx"), Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }
}

public sealed record KeyRequestResponse(
    DateTime At, string Method, string Route, Guid[] PathIds, int Status, float DurationMs, string? Detail, string? Client,
    string? UserAgent, string RequestId);

public sealed record ListKeyRequestsResponse(IReadOnlyList<KeyRequestResponse> Requests, PageMeta Meta);

internal sealed class ListKeyRequestsRequestValidator : AbstractValidator<ListKeyRequestsRequest>
{
    public ListKeyRequestsRequestValidator() => RuleFor(x => x.Status).OneOf("status", "2xx", "3xx", "4xx", "5xx");
}

internal static class ListKeyRequestsEndpoint
{
    public const string ResponseExample = """
        {"requests": [{"at": "2025-12-09T02:00:12.481Z", "method": "POST", "route": "/api/v1/integrations/kpi/sync", "path_ids": [],
                       "status": 404, "duration_ms": 7.4, "detail": "Sellers not found in store c2dd1ada-d0a2-4a90-be81-644b7cb78bc7: 9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11",
                       "client": "203.0.113.7", "user_agent": "n8n", "request_id": "0HNH2B8S1J5KQ:00000001"}],
         "meta": {"page": 1, "limit": 50, "total": 1, "pages": 1}}
        """;

    public static void MapListKeyRequests(this RouteGroupBuilder group) =>
        group.MapGet("/{id}/requests", Handle)
            .Validate<PageQuery>()
            .Validate<ListKeyRequestsRequest>()
            .WithExample(null, ResponseExample)
            .WithName("ListKeyRequests")
            .WithSummary("What a key did: its recent requests")
            .WithDescription("Newest first, paged: every integration request the key made (kept 90 days), with its route, the ids in its path, status, duration, the problem's `detail` for 4xx/5xx, client address and user agent; never a secret or a body. Filter: `status` (2xx | 3xx | 4xx | 5xx). Written within about a second of the answer.")
            .DocumentsInvalidField("status", "'status' must be one of: 2xx, 3xx, 4xx, 5xx")
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.ApiKeyNotFound);

    private static async Task<Results<Ok<ListKeyRequestsResponse>, ProblemHttpResult>> Handle(
        string id, [AsParameters] PageQuery page, [AsParameters] ListKeyRequestsRequest query, AppUser gerant, IApiKeyDirectory keys,
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var keyId) || !await keys.BelongsToAsync(gerant.TenantId, keyId, cancellationToken))
            return Problems.NotFound(ProblemMessages.ApiKeyNotFound);
        var (low, high) = query.Status is { } status ? (int.Parse(status[..1]) * 100, int.Parse(status[..1]) * 100 + 99) : (0, 999);
        const string where = "WHERE tenant_id = $1 AND key_id = $2 AND status BETWEEN $3 AND $4";
        object[] filter = [gerant.TenantId, keyId, (short)low, (short)high];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var count = Command(connection, $"SELECT count(*) FROM activity.requests {where}", filter);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        // Read with typed getters: the path's ids are a uuid[], which Dapper does not map to a record's constructor.
        await using var select = Command(connection, $"""
            SELECT at, method, route, path_ids, status, duration_ms, detail, client, user_agent, request_id
            FROM activity.requests {where} ORDER BY at DESC LIMIT $5 OFFSET $6
            """, [.. filter, page.PageSize, page.Offset]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var rows = new List<KeyRequestResponse>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new KeyRequestResponse(reader.GetDateTime(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<Guid[]>(3),
                reader.GetInt16(4), reader.GetFloat(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9)));
        return TypedResults.Ok(new ListKeyRequestsResponse(rows, PageMeta.For(page, total)));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
