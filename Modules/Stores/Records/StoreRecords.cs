namespace RetailPerformer.Stores.Records;

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

/// <summary>A store with every field both seed documents show.</summary>
public sealed record StoreResponse(
    Guid Id, string Name, string Location, string? Address, string? Phone, string? OpeningHours, Guid GerantId,
    string? ExternalId, bool Active, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal static StoreResponse From(StoreRow row) => new(row.Id, row.Name, row.Location, row.Address, row.Phone, row.OpeningHours,
        row.GerantId, row.ExternalId, row.Active, row.CreatedAt, row.UpdatedAt);
}

internal static class StoreQueries
{
    public static Task<StoreRow?> FindAsync(NpgsqlConnection connection, Guid tenantId, Guid storeId, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<StoreRow>(
            $"SELECT {StoreRow.Columns} FROM stores.stores WHERE tenant_id = @tenantId AND id = @storeId", new { tenantId, storeId }, transaction);
}
