namespace RetailPerformer.Users.Data;

internal static class UserQueries
{
    public static Task<UserRow?> FindAsync(NpgsqlConnection connection, Guid tenantId, Guid userId, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @tenantId AND id = @userId", new { tenantId, userId }, transaction);

    /// <summary>The person, locked until the transaction ends: changes to one person (update, delete) happen one after the other.</summary>
    public static Task<UserRow?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Guid userId) =>
        connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @tenantId AND id = @userId FOR UPDATE", new { tenantId, userId }, transaction);
}
