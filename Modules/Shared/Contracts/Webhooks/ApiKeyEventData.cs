namespace RetailPerformer.Shared.Contracts.Webhooks;

/// <summary><c>api_key.revoked</c>, <c>api_key.expiring</c>: the key by its id and name (never its secret).</summary>
public sealed record ApiKeyEventData(Guid ApiKeyId, string Name, DateTime? ExpiresAt, DateTime? RevokedAt);
