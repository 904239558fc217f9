using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Users.Data;

/// <summary>
/// One attempt at an invitation email: through SMTP when <c>Smtp:Host</c> is set; otherwise into this host's log (the
/// development default: the accept link is written there for whoever runs the host), the <c>outbox</c> delivery status.
/// Retrying a failed attempt is <see cref="InvitationService"/>'s and <see cref="InvitationRetries"/>'.
/// </summary>
internal sealed class InvitationMailer(SmtpSettings smtp, SmtpMail mail, IConfiguration configuration, ILogger<InvitationMailer> logger)
{
    public async Task<(DeliveryStatus Status, MailFailure? Failure)> DeliverAsync(string name, string email, string role, string token, DateTime expiresAt,
        CancellationToken cancellationToken)
    {
        var link = $"{Shared.Http.PublicUrl.Of(configuration)}/accept-invitation?token={token}";
        var body = $$"""
            Bonjour {{name}},

            You have been invited to Retail Performer as {{role}}.
            Choose your password before {{expiresAt:yyyy-MM-dd HH:mm}} UTC:

            {{link}}

            Invitation code: {{token}}
            (POST /api/auth/accept-invitation with {"token": "<code>", "password": "<your password>"})
            """;

        if (!smtp.Configured)
        {
            logger.LogInformation("Invitation outbox (no SMTP configured) for {Email}: {Link}", UserText.ForLog(email), link);
            return (DeliveryStatus.Outbox, null);
        }
        var failure = await mail.SendAsync(email, "Your Retail Performer invitation", body, cancellationToken);
        if (failure is null) return (DeliveryStatus.Sent, null);
        logger.LogWarning("Invitation email to {Email} could not be delivered: {Error}", UserText.ForLog(email), UserText.ForLog(failure.Reason));
        return (DeliveryStatus.Failed, failure);
    }
}
