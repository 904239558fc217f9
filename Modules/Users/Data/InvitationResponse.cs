namespace RetailPerformer.Users.Data;

public sealed record InvitationResponse(
    Guid Id, Guid UserId, string Email, string Status, string DeliveryStatus, string? DeliveryError,
    DateTime CreatedAt, DateTime ExpiresAt, DateTime? UsedAt, DateTime? DeliveredAt);
