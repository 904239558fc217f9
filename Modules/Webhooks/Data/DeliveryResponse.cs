namespace RetailPerformer.Webhooks.Data;

/// <param name="Status">pending (queued or waiting for its next attempt), delivered (a 2xx came back), failed (given up).</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next; null once it is delivered or failed.</param>
/// <param name="AttemptLog">Every attempt, oldest first.</param>
public sealed record DeliveryResponse(
    Guid Id, Guid EventId, string EventType, DateTime OccurredAt, string Status, int Attempts, DateTime? NextAttemptAt, short? LastStatus,
    string? LastError, DateTime? DeliveredAt, IReadOnlyList<AttemptResponse> AttemptLog);
