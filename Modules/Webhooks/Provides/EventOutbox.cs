using System.Text.Json;
using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Webhooks.Provides;

/// <summary>
/// <see cref="IEventOutbox"/>: one statement that keeps the event only when an enabled endpoint of the tenant subscribed
/// to its type, with one pending delivery per such endpoint, due at once. A tenant without endpoints pays one index
/// probe, no row.
/// </summary>
internal sealed class EventOutbox(TimeProvider clock) : IEventOutbox
{
    private static readonly string Insert = WebhookSql.AddEvent;

    public async Task AddAsync(SharedTransaction transaction, Guid tenantId, string type, object data, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(Insert, transaction.Connection, transaction.Transaction)
            .WithValues(Values(tenantId, type, data, clock.GetUtcNow().UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public NpgsqlBatchCommand Command(Guid tenantId, string type, object data, DateTime occurredAt) =>
        new NpgsqlBatchCommand(Insert).WithValues(Values(tenantId, type, data, occurredAt));

    private static object[] Values(Guid tenantId, string type, object data, DateTime occurredAt) =>
        [Guid.CreateVersion7(), tenantId, type, DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc), JsonSerializer.Serialize(data, data.GetType(), WebhookJson.Options)];
}
