using RetailPerformer.Activity.Data;
using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Activity.ListKeyRequests;

public sealed record ListKeyRequestsRequest
{
    /// <summary>A status class (<c>2xx</c>, <c>3xx</c>, <c>4xx</c>, <c>5xx</c>) or one status code (<c>401</c>).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }

    /// <summary>A route template exactly as the log shows it, e.g. <c>/api/v1/integrations/kpi/sync</c>.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "route")] public string? Route { get; init; }
}

public sealed record KeyRequestResponse(
    DateTime At, string Method, string Route, Guid[] PathIds, int Status, float DurationMs, string? Detail, string? Client,
    string? UserAgent, string RequestId);

public sealed record ListKeyRequestsResponse(IReadOnlyList<KeyRequestResponse> Requests, PageMeta Meta);

internal sealed class ListKeyRequestsRequestValidator : AbstractValidator<ListKeyRequestsRequest>
{
    public const string StatusRule = "'status' must be a class (2xx, 3xx, 4xx, 5xx) or a status code (100 to 599)";

    public ListKeyRequestsRequestValidator()
    {
        RuleFor(x => x.Status).Matches("^([1-5]xx|[1-5][0-9][0-9])$").WithMessage(StatusRule);
        RuleFor(x => x.Route).MaximumLength(200);
    }
}

internal static class ListKeyRequestsEndpoint
{
    public const string ResponseExample = """
        {"requests": [{"at": "2025-12-09T02:00:12.481Z", "method": "POST", "route": "/api/v1/integrations/kpi/sync", "path_ids": [],
                       "status": 404, "duration_ms": 7.4, "detail": "Sellers not found in store c2dd1ada-d0a2-4a90-be81-644b7cb78bc7: 9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11",
                       "client": "203.0.113.7", "user_agent": "n8n", "request_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}],
         "meta": {"page": 1, "limit": 50, "total": 1, "pages": 1}}
        """;

    public static void MapListKeyRequests(this RouteGroupBuilder group) =>
        group.MapGet("/{id}/requests", Handle)
            .Validate<PageQuery>()
            .Validate<PeriodFilter>()
            .Validate<ListKeyRequestsRequest>()
            .WithExample(null, ResponseExample)
            .WithName("ListKeyRequests")
            .WithSummary("What a key did: its recent requests")
            .WithDescription("""
                Newest first, paged: every integration request the key made (kept 90 days), with its route, the ids in its path, status, duration, the
                problem's `detail` for 4xx/5xx, client address and user agent; never a secret or a body. Filters: `status` (a class, `4xx`, or a code,
                `401`), `route` (a route template as the log shows it), `start_date` and `end_date` (UTC days, inclusive). Written within about a second of the answer.
                """)
            .DocumentsInvalidField("status", ListKeyRequestsRequestValidator.StatusRule)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.ApiKeyNotFound);

    private static async Task<Results<Ok<ListKeyRequestsResponse>, ProblemHttpResult>> Handle(
        string id, [AsParameters] PageQuery page, [AsParameters] PeriodFilter period, [AsParameters] ListKeyRequestsRequest query, AppUser gerant,
        IApiKeyDirectory keys, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var keyId) || !await keys.BelongsToAsync(gerant.TenantId, keyId, cancellationToken))
            return Problems.NotFound(ProblemMessages.ApiKeyNotFound);
        var (low, high) = ActivitySql.StatusRange(query.Status);
        var (from, to) = period.Instants;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (total, requests) = await RequestBlocks.PageAsync(connection, new RequestBlocks.Filter(gerant.TenantId, keyId, from, to, low, high, query.Route),
            page.Offset, page.PageSize, cancellationToken);
        var rows = requests.Select(r => new KeyRequestResponse(r.At, r.Method, r.Route, ActivitySql.PathIds(r.PathIds), r.Status, r.DurationMs, r.Detail,
            r.Client, r.UserAgent, r.RequestId)).ToList();
        return TypedResults.Ok(new ListKeyRequestsResponse(rows, PageMeta.For(page, total)));
    }
}
