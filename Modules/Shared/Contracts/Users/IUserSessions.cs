namespace RetailPerformer.Shared.Contracts.Users;

/// <summary>
/// Implemented by the Users module: whether a bearer token issued to a person is still good
/// (the person is active and the token carries the current security stamp).
/// </summary>
public interface IUserSessions
{
    ValueTask<bool> IsCurrentAsync(Guid tenantId, Guid userId, string securityStamp, CancellationToken cancellationToken);
}
