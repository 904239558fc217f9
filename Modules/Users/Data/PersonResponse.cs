
namespace RetailPerformer.Users.Data;

/// <summary>A manager or seller (or gérant) as the integration API shows them: every field both seed documents show.</summary>
public sealed record PersonResponse(
    Guid Id, string Name, string Email, string Role, string Status, string? Phone, Guid? StoreId, Guid? ManagerId,
    string? ExternalId, DateTime CreatedAt, DateTime UpdatedAt, bool? InvitationSent)
{
    internal static PersonResponse From(UserRow row, bool? invitationSent = null) => new(row.Id, row.Name, row.Email, row.Role, row.Status,
        row.Phone, row.StoreId, row.ManagerId, row.ExternalId, row.CreatedAt, row.UpdatedAt, invitationSent);
}
