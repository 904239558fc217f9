namespace RetailPerformer.Webhooks.ListDeliveries;

public sealed record ListDeliveriesResponse(IReadOnlyList<DeliveryResponse> Deliveries, PageMeta Meta);

public sealed record ListDeliveriesRequest
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }
}

internal sealed class ListDeliveriesRequestValidator : AbstractValidator<ListDeliveriesRequest>
{
    public ListDeliveriesRequestValidator() => RuleFor(x => x.Status).OneOf("status", "pending", "delivered", "failed");
}

internal static class ListDeliveriesEndpoint
{
    public static void MapListDeliveries(this RouteGroupBuilder group) =>
        group.MapGet("/{id}/deliveries", Handle)
            .Validate<PageQuery>()
            .Validate<ListDeliveriesRequest>()
            .WithExample(null, WebhookExamples.Deliveries)
            .WithName("ListDeliveries")
            .WithSummary("An endpoint's delivery log")
            .WithDescription("Newest first: each event sent to the endpoint, its state, and every attempt (status, duration, the answer's first kilobyte, the error). Filter: `status` (pending | delivered | failed).")
            .DocumentsInvalidField("status", "'status' must be one of: pending, delivered, failed")
            .DocumentsProblem(StatusCodes.Status404NotFound, EndpointQueries.NotFound);

    private sealed record Row(Guid Id, Guid EventId, string EventType, DateTime OccurredAt, string Status, int Attempts, DateTime NextAttemptAt,
        short? LastStatus, string? LastError, DateTime? DeliveredAt, long Total);

    private static async Task<Results<Ok<ListDeliveriesResponse>, ProblemHttpResult>> Handle(
        string id, [AsParameters] PageQuery paging, [AsParameters] ListDeliveriesRequest query, AppUser gerant, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId)) return Problems.NotFound(EndpointQueries.NotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await EndpointQueries.FindAsync(connection, gerant.TenantId, endpointId) is null) return Problems.NotFound(EndpointQueries.NotFound);
        var rows = (await connection.QueryAsync<Row>("""
            SELECT d.id, d.event_id, ev.type AS event_type, ev.occurred_at, d.status, d.attempts, d.next_attempt_at, d.last_status, d.last_error,
                   d.delivered_at, count(*) OVER () AS total
            FROM webhooks.deliveries d JOIN webhooks.events ev ON ev.id = d.event_id
            WHERE d.tenant_id = @TenantId AND d.endpoint_id = @endpointId AND (@Status::text IS NULL OR d.status = @Status)
            ORDER BY d.created_at DESC, d.id DESC LIMIT @limit OFFSET @offset
            """, new { gerant.TenantId, endpointId, query.Status, limit = paging.PageSize, offset = paging.Offset })).ToList();
        var attempts = (await connection.QueryAsync<(Guid DeliveryId, DateTime AttemptedAt, short? StatusCode, float DurationMs, string? ResponseBody, string? Error)>("""
            SELECT delivery_id, attempted_at, status_code, duration_ms, response_body, error FROM webhooks.attempts
            WHERE tenant_id = @TenantId AND delivery_id = ANY (@ids) ORDER BY attempted_at, id
            """, new { gerant.TenantId, ids = rows.Select(r => r.Id).ToArray() })).ToLookup(a => a.DeliveryId);
        var total = rows.Count > 0 ? rows[0].Total : 0;
        return TypedResults.Ok(new ListDeliveriesResponse(rows.Select(r => new DeliveryResponse(
            r.Id, r.EventId, r.EventType, r.OccurredAt, r.Status, r.Attempts, r.Status == "pending" ? r.NextAttemptAt : null, r.LastStatus, r.LastError,
            r.DeliveredAt, attempts[r.Id].Select(a => new AttemptResponse(a.AttemptedAt, a.StatusCode, a.DurationMs, a.ResponseBody, a.Error)).ToList())).ToList(),
            PageMeta.For(paging, total)));
    }
}
