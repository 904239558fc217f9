namespace RetailPerformer.Stores.Data;

/// <summary>A store with every field both seed documents show.</summary>
public sealed record StoreResponse(
    Guid Id, string Name, string Location, string? Address, string? Phone, string? OpeningHours, Guid GerantId,
    string? ExternalId, bool Active, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal static StoreResponse From(StoreRow row) => new(row.Id, row.Name, row.Location, row.Address, row.Phone, row.OpeningHours,
        row.GerantId, row.ExternalId, row.Active, row.CreatedAt, row.UpdatedAt);
}
