using RetailPerformer.Webhooks.ReplayDelivery;

namespace RetailPerformer.Webhooks.ReplayFailedDeliveries;

/// <param name="Since">A day (YYYY-MM-DD, UTC): events that occurred on or after it.</param>
[RequestSchema]
public sealed record ReplayFailedDeliveriesRequest([property: Required, ApiFormat("date")] string? Since);

internal sealed class ReplayFailedDeliveriesValidator : AbstractValidator<ReplayFailedDeliveriesRequest>
{
    public ReplayFailedDeliveriesValidator() =>
        RuleFor(x => x.Since).NotEmpty().Must(d => d is null || Dates.TryParseIso(d, out _)).WithMessage("'since' must be a date (YYYY-MM-DD)");
}

internal static class ReplayFailedDeliveriesEndpoint
{
    public static void MapReplayFailedDeliveries(this RouteGroupBuilder group) =>
        group.MapPost("/{id}/replay-failed", Handle)
            .Validate<ReplayFailedDeliveriesRequest>()
            .WithExample(WebhookExamples.ReplayFailedRequest, WebhookExamples.Replayed)
            .WithName("ReplayFailedDeliveries")
            .WithSummary("Send every failed event again")
            .WithDescription("Queues again, now, every event of the endpoint that occurred since the day and whose latest delivery failed (one new delivery per event, however many failed before).")
            .DocumentsProblem(StatusCodes.Status404NotFound, EndpointQueries.NotFound);

    private static async Task<Results<Accepted<ReplayResponse>, ProblemHttpResult>> Handle(
        string id, ReplayFailedDeliveriesRequest request, AppUser gerant, NpgsqlDataSource dataSource, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId)) return Problems.NotFound(EndpointQueries.NotFound);
        Dates.TryParseIso(request.Since, out var since);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await EndpointQueries.FindAsync(connection, gerant.TenantId, endpointId) is null) return Problems.NotFound(EndpointQueries.NotFound);
        var replayed = await connection.ExecuteAsync("""
            INSERT INTO webhooks.deliveries (id, tenant_id, event_id, endpoint_id, next_attempt_at, created_at)
            SELECT gen_random_uuid(), @TenantId, latest.event_id, @endpointId, @now, @now
            FROM (SELECT DISTINCT ON (d.event_id) d.event_id, d.status
                  FROM webhooks.deliveries d JOIN webhooks.events ev ON ev.id = d.event_id
                  WHERE d.tenant_id = @TenantId AND d.endpoint_id = @endpointId AND ev.occurred_at >= @since
                  ORDER BY d.event_id, d.created_at DESC) latest
            WHERE latest.status = 'failed'
            """, new { gerant.TenantId, endpointId, since = since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), now = clock.GetUtcNow().UtcDateTime });
        return TypedResults.Accepted($"/api/gerant/webhooks/{endpointId}/deliveries",
            ReplayResponse.Of(replayed));
    }
}
