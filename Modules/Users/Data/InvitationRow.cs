namespace RetailPerformer.Users.Data;

/// <summary>A row of <c>users.invitations</c> as the gérant sees it.</summary>
internal sealed record InvitationRow
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public string Email { get; init; } = "";
    public string DeliveryStatus { get; init; } = "";
    public string? DeliveryError { get; init; }
    public int DeliveryAttempts { get; init; }
    public DateTime? NextAttemptAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
    public DateTime? VoidedAt { get; init; }

    public InvitationResponse ToResponse(DateTime now) => new(Id, UserId, Email,
        UsedAt is not null ? "accepted" : VoidedAt is not null ? "void" : ExpiresAt <= now ? "expired" : "pending",
        DeliveryStatus, DeliveryError, DeliveryAttempts, NextAttemptAt, CreatedAt, ExpiresAt, UsedAt, DeliveredAt);

    public const string Columns = "id, user_id, email, delivery_status, delivery_error, delivery_attempts, next_attempt_at, created_at, expires_at, used_at, delivered_at, voided_at";

    public static Task<InvitationRow> ReadAsync(NpgsqlConnection connection, Guid tenantId, Guid id) =>
        connection.QuerySingleAsync<InvitationRow>($"SELECT {Columns} FROM users.invitations WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id });
}
