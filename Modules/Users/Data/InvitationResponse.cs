namespace RetailPerformer.Users.Data;

/// <summary>
/// An invitation and its email: <c>delivery_status</c> is <c>pending</c> while an attempt is planned (<c>next_attempt_at</c>; after
/// a failure, <c>delivery_error</c> says why), <c>sent</c>, <c>outbox</c> (no SMTP server configured: written to the host's log) or
/// <c>failed</c> (given up: the retries are spent, or the failure cannot pass).
/// </summary>
public sealed record InvitationResponse(
    Guid Id, Guid UserId, string Email, string Status, string DeliveryStatus, string? DeliveryError, int DeliveryAttempts, DateTime? NextAttemptAt,
    DateTime CreatedAt, DateTime ExpiresAt, DateTime? UsedAt, DateTime? DeliveredAt);
