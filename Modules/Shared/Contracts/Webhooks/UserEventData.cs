namespace RetailPerformer.Shared.Contracts.Webhooks;

/// <summary><c>user.created</c>, <c>user.updated</c>, <c>user.deleted</c>: the person as they are after the change (no password, no token).</summary>
public sealed record UserEventData(Guid UserId, string Role, string Name, string Email, Guid? StoreId, string Status, string? ExternalId);
