namespace RetailPerformer.Webhooks.ReplayDelivery;

public sealed record ReplayResponse(int Replayed, string Message)
{
    internal static ReplayResponse Of(int replayed) =>
        new(replayed, replayed == 1 ? "1 delivery queued again" : $"{replayed} deliveries queued again");
}

internal static class ReplayDeliveryEndpoint
{
    public const string DeliveryNotFound = "Delivery not found";
    public const string StillPending = "The delivery is still pending: it will be tried again on its own";

    public static void MapReplayDelivery(this RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliveries/{delivery_id}/replay", Handle)
            .WithExample(null, WebhookExamples.ReplayedOne)
            .WithName("ReplayDelivery")
            .WithSummary("Send one event again")
            .WithDescription("Queues the delivery's event for the endpoint again, now, with a fresh schedule of retries; the same `webhook-id`, so a receiver that already has it can tell.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, StillPending)
            .DocumentsProblem(StatusCodes.Status404NotFound, DeliveryNotFound);

    private static async Task<Results<Accepted<ReplayResponse>, ProblemHttpResult>> Handle(
        string id, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "delivery_id")] string deliveryId, AppUser gerant, NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId) || !Ids.TryParse(deliveryId, out var delivery)) return Problems.NotFound(DeliveryNotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var status = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT status FROM webhooks.deliveries WHERE tenant_id = @TenantId AND endpoint_id = @endpointId AND id = @delivery",
            new { gerant.TenantId, endpointId, delivery });
        if (status is null) return Problems.NotFound(DeliveryNotFound);
        if (status == "pending") return Problems.BadRequest(StillPending);
        await connection.ExecuteAsync("""
            INSERT INTO webhooks.deliveries (id, tenant_id, event_id, endpoint_id, next_attempt_at, created_at)
            SELECT @id, tenant_id, event_id, endpoint_id, @now, @now FROM webhooks.deliveries WHERE id = @delivery
            """, new { id = Guid.CreateVersion7(), delivery, now = clock.GetUtcNow().UtcDateTime });
        return TypedResults.Accepted($"/api/gerant/webhooks/{endpointId}/deliveries", ReplayResponse.Of(1));
    }
}
