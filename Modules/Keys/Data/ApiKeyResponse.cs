
namespace RetailPerformer.Keys.Data;

/// <summary>An API key as the gérant sees it: never the secret.</summary>
public sealed record ApiKeyResponse(
    Guid Id,
    string Name,
    string KeyHint,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<Guid>? StoreIds,
    int? ExpiresInDays,
    DateTime? ExpiresAt,
    DateTime CreatedAt,
    DateTime? LastUsedAt,
    bool Active,
    DateTime? RevokedAt,
    Guid? ReplacedBy,
    int? RateLimitPerSecond)
{
    internal static ApiKeyResponse From(ApiKeyRow row) => new(row.Id, row.Name, row.KeyHint, row.Permissions, row.StoreIds,
        row.ExpiresInDays, row.ExpiresAt, row.CreatedAt, row.LastUsedAt, row.Active, row.RevokedAt, row.ReplacedBy, row.RateLimitPerSecond);
}
