namespace RetailPerformer.Webhooks.Data;

/// <summary>A row of <c>webhooks.endpoints</c> (its secrets still protected).</summary>
internal sealed record EndpointRow
{
    public const string Columns = """
        id, tenant_id, url, event_types, description, enabled, secret, previous_secret, previous_secret_until, failing_since,
        disabled_reason, created_at, updated_at
        """;

    public Guid Id { get; init; }
    public Guid TenantId { get; init; }
    public string Url { get; init; } = "";
    public string[] EventTypes { get; init; } = [];
    public string Description { get; init; } = "";
    public bool Enabled { get; init; }
    public string Secret { get; init; } = "";
    public string? PreviousSecret { get; init; }
    public DateTime? PreviousSecretUntil { get; init; }
    public DateTime? FailingSince { get; init; }
    public string? DisabledReason { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
