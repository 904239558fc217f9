namespace RetailPerformer.Users.Data;

/// <summary>A row of <c>users.users</c>, as the slices of this module read it.</summary>
internal sealed record UserRow
{
    public const string Columns = """
        tenant_id, id, role, name, email, password_hash, phone, external_id, store_id, manager_id, status,
        security_stamp, created_at, updated_at
        """;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public string Role { get; init; } = "";
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string? PasswordHash { get; init; }
    public string? Phone { get; init; }
    public string? ExternalId { get; init; }
    public Guid? StoreId { get; init; }
    public Guid? ManagerId { get; init; }
    public string Status { get; init; } = "";
    public string SecurityStamp { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
