using System.Net;
using System.Net.Mail;

namespace RetailPerformer.Users.Data;

/// <summary>One email through the configured SMTP server (<see cref="SmtpSettings"/>): null when handed over, else why not.</summary>
internal sealed class SmtpMail(SmtpSettings smtp)
{
    public async Task<MailFailure?> SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new SmtpClient(smtp.Host, smtp.Port)
            {
                EnableSsl = smtp.EnableSsl,
                Timeout = smtp.TimeoutSeconds * 1000,
                DeliveryMethod = SmtpDeliveryMethod.Network,
            };
            if (smtp.Username is not null) client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
            using var message = new MailMessage(smtp.From, to, subject, body)
            {
                // Names are French: UTF-8, quoted-printable (an invitation code's characters pass through it unchanged).
                BodyEncoding = System.Text.Encoding.UTF8,
                BodyTransferEncoding = System.Net.Mime.TransferEncoding.QuotedPrintable,
                SubjectEncoding = System.Text.Encoding.UTF8,
            };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
            await client.SendMailAsync(message, timeout.Token);
            return null;
        }
        catch (SmtpException ex)
        {
            // 5xx is the server's final word (no such mailbox, refused); 4xx and a failed connection (GeneralFailure, -1) may pass.
            return new MailFailure(ex.Message, (int)ex.StatusCode >= 500);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return new MailFailure(ex.Message, Permanent: false);
        }
    }
}
