
namespace RetailPerformer.Keys.Data;

/// <summary>A row of <c>keys.api_keys</c> as the management slices read it (the hash stays in the database).</summary>
internal sealed record ApiKeyRow
{
    public const string Columns = """
        tenant_id, id, name, key_hint, permissions, store_ids, expires_in_days, expires_at, created_by, created_at,
        last_used_at, active, revoked_at, replaced_by, rate_limit_per_second
        """;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string KeyHint { get; init; } = "";
    public string[] Permissions { get; init; } = [];
    public Guid[]? StoreIds { get; init; }
    public int? ExpiresInDays { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; init; }
    public bool Active { get; init; }
    public DateTime? RevokedAt { get; init; }
    public Guid? ReplacedBy { get; init; }
    public int? RateLimitPerSecond { get; init; }
}
