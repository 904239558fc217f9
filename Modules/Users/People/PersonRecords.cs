using RetailPerformer.Users.Accounts;

namespace RetailPerformer.Users.People;

/// <summary>A manager or seller (or gérant) as the integration API shows them: every field both seed documents show.</summary>
public sealed record PersonResponse(
    Guid Id, string Name, string Email, string Role, string Status, string? Phone, Guid? StoreId, Guid? ManagerId,
    string? ExternalId, DateTime CreatedAt, DateTime UpdatedAt, bool? InvitationSent)
{
    internal static PersonResponse From(UserRow row, bool? invitationSent = null) => new(row.Id, row.Name, row.Email, row.Role, row.Status,
        row.Phone, row.StoreId, row.ManagerId, row.ExternalId, row.CreatedAt, row.UpdatedAt, invitationSent);
}

/// <summary>The fields a manager and a seller are created with.</summary>
internal interface IPersonFields
{
    string? Name { get; }
    string? Email { get; }
    string? Phone { get; }
    string? ExternalId { get; }
}

internal static class PersonRules
{
    public static void ValidPersonFields<T>(this AbstractValidator<T> validator) where T : IPersonFields
    {
        validator.RuleFor(x => x.Name).NotEmpty().MaximumLength(100).NoControlCharacters();
        validator.RuleFor(x => x.Email).ValidEmail();
        validator.RuleFor(x => x.Phone).MaximumLength(50);
        validator.RuleFor(x => x.ExternalId).MaximumLength(200);
    }
}

internal static class PersonQueries
{
    public static Task<UserRow?> FindAsync(NpgsqlConnection connection, Guid tenantId, Guid userId, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @tenantId AND id = @userId", new { tenantId, userId }, transaction);

    /// <summary>The person, locked until the transaction ends: changes to one person (update, delete) happen one after the other.</summary>
    public static Task<UserRow?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Guid userId) =>
        connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @tenantId AND id = @userId FOR UPDATE", new { tenantId, userId }, transaction);

    /// <summary>
    /// The v1.0 notice's rule for a key restricted by store_ids: it reaches people of its stores only,
    /// and no store-less person but the key's own gérant. null when allowed, else the 403.
    /// </summary>
    public static ProblemHttpResult? CheckReach(ApiKeyCaller caller, UserRow person)
    {
        if (!caller.IsRestricted) return null;
        if (person.StoreId is { } storeId) return StoreAccess.Check(caller, storeId);
        return person.Id == caller.GerantId ? null : Problems.Forbidden(ProblemMessages.StoreNotInKeyList);
    }
}
