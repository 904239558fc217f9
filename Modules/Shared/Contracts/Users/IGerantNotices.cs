namespace RetailPerformer.Shared.Contracts.Users;

/// <summary>
/// Tells a chain's gérant something that needs them (provided by Users): by email when SMTP is configured, otherwise
/// into the host's log, as invitations are. Used by the webhook dispatcher when it disables an endpoint.
/// </summary>
public interface IGerantNotices
{
    Task NotifyAsync(Guid tenantId, string subject, string body, CancellationToken cancellationToken = default);
}
