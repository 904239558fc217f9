using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Users.Data;

/// <summary>
/// Delivers an invitation email: through SMTP when <c>Smtp:Host</c> is set; otherwise into the outbox,
/// which is this host's log (the development default: the accept link is written there for whoever runs
/// the host) and the invitation's status, listed by <c>GET /api/gerant/invitations</c>.
/// </summary>
internal sealed class InvitationMailer(SmtpSettings smtp, IConfiguration configuration, ILogger<InvitationMailer> logger)
{
    public async Task<(DeliveryStatus Status, string? Error)> DeliverAsync(string name, string email, string role, string token, DateTime expiresAt,
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

        try
        {
            using var client = new SmtpClient(smtp.Host, smtp.Port)
            {
                EnableSsl = smtp.EnableSsl,
                Timeout = smtp.TimeoutSeconds * 1000,
                DeliveryMethod = SmtpDeliveryMethod.Network,
            };
            if (smtp.Username is not null) client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
            using var message = new MailMessage(smtp.From, email, "Your Retail Performer invitation", body)
            {
                // Names are French: UTF-8, quoted-printable (the invitation code's characters pass through it unchanged).
                BodyEncoding = System.Text.Encoding.UTF8,
                BodyTransferEncoding = System.Net.Mime.TransferEncoding.QuotedPrintable,
                SubjectEncoding = System.Text.Encoding.UTF8,
            };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
            await client.SendMailAsync(message, timeout.Token);
            return (DeliveryStatus.Sent, null);
        }
        catch (Exception ex) when (ex is SmtpException or IOException or OperationCanceledException or InvalidOperationException
                                       or System.Net.Sockets.SocketException)
        {
            logger.LogWarning("Invitation email to {Email} could not be delivered: {Error}", UserText.ForLog(email), UserText.ForLog(ex.Message));
            return (DeliveryStatus.Failed, ex.Message);
        }
    }
}
