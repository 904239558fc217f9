namespace RetailPerformer.Stores.Data;

internal sealed record StoreRow
{
    public const string Columns = """
        tenant_id, id, name, location, address, phone, opening_hours, external_id, gerant_id, active, created_at, updated_at, deleted_at
        """;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Location { get; init; } = "";
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? OpeningHours { get; init; }
    public string? ExternalId { get; init; }
    public Guid GerantId { get; init; }
    public bool Active { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }
}
