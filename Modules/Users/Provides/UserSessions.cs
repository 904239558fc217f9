using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Users.Provides;

/// <summary>
/// A token is good while its person is active and the token carries their current security stamp.
/// Read from the database on each app-API request (one primary-key lookup), so a password change or a
/// suspension takes effect at once on every host.
/// </summary>
internal sealed class UserSessions(NpgsqlDataSource dataSource) : IUserSessions
{
    public async ValueTask<bool> IsCurrentAsync(Guid tenantId, Guid userId, string securityStamp, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT security_stamp FROM users.users WHERE tenant_id = $1 AND id = $2 AND status = 'active'");
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(userId);
        return await command.ExecuteScalarAsync(cancellationToken) is string current && current == securityStamp;
    }
}
