using System.Text.Json;
using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Webhooks.SendTestEvent;

public sealed record SendTestEventResponse(Guid EventId, Guid DeliveryId, string Message);

internal static class SendTestEventEndpoint
{
    public const string Queued = "Test event queued";

    public static void MapSendTestEvent(this RouteGroupBuilder group) =>
        group.MapPost("/{id}/test", Handle)
            .WithExample(null, WebhookExamples.TestSent)
            .WithName("SendTestEvent")
            .WithSummary("Send a test event")
            .WithDescription("Queues a `webhook.test` event for this endpoint only (even disabled, so it can be checked before it is enabled again), signed like every event; its delivery and attempts are in the endpoint's delivery log.")
            .DocumentsProblem(StatusCodes.Status404NotFound, EndpointQueries.NotFound);

    private static async Task<Results<Accepted<SendTestEventResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId)) return Problems.NotFound(EndpointQueries.NotFound);
        var (eventId, deliveryId, now) = (Guid.CreateVersion7(), Guid.CreateVersion7(), clock.GetUtcNow().UtcDateTime);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var queued = await connection.ExecuteAsync("""
            WITH endpoint AS (SELECT id FROM webhooks.endpoints WHERE tenant_id = @TenantId AND id = @endpointId),
            event AS (
                INSERT INTO webhooks.events (id, tenant_id, type, occurred_at, data)
                SELECT @eventId, @TenantId, @type, @now, @data::jsonb FROM endpoint
                RETURNING id)
            INSERT INTO webhooks.deliveries (id, tenant_id, event_id, endpoint_id, next_attempt_at, created_at)
            SELECT @deliveryId, @TenantId, event.id, @endpointId, @now, @now FROM event
            """, new
            {
                gerant.TenantId, endpointId, eventId, deliveryId, type = EventTypes.Test, now,
                data = JsonSerializer.Serialize(new TestEventData(endpointId, "Hello from Retail Performer"), WebhookJson.Options),
            });
        return queued == 0
            ? Problems.NotFound(EndpointQueries.NotFound)
            : TypedResults.Accepted($"/api/gerant/webhooks/{endpointId}/deliveries", new SendTestEventResponse(eventId, deliveryId, Queued));
    }
}
