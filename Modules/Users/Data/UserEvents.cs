using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Users.Data;

/// <summary>A person as their <c>user.*</c> events tell them (never a password hash or a stamp).</summary>
internal static class UserEvents
{
    public static UserEventData Of(UserRow row) => new(row.Id, row.Role, row.Name, row.Email, row.StoreId, row.Status, row.ExternalId);
}
