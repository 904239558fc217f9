using Microsoft.Extensions.Logging;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Users.Provides;

/// <summary><see cref="IGerantNotices"/>: an email to every active gérant of the chain (a failed one is logged, never thrown).</summary>
internal sealed class GerantNotices(NpgsqlDataSource dataSource, SmtpSettings smtp, SmtpMail mail, ILogger<GerantNotices> logger) : IGerantNotices
{
    public async Task NotifyAsync(Guid tenantId, string subject, string body, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var gerants = await connection.QueryAsync<string>(
            "SELECT email FROM users.users WHERE tenant_id = @tenantId AND role = 'gerant' AND status = 'active'", new { tenantId });
        foreach (var email in gerants)
        {
            if (!smtp.Configured)
            {
                logger.LogInformation("Gérant notice outbox (no SMTP configured) for {Email}: {Subject}", UserText.ForLog(email), subject);
                continue;
            }
            if (await mail.SendAsync(email, subject, body, cancellationToken) is { } failure)
                logger.LogWarning("Gérant notice to {Email} could not be delivered: {Error}", UserText.ForLog(email), UserText.ForLog(failure.Reason));
        }
    }
}
