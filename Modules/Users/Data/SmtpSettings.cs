using Microsoft.Extensions.Configuration;

namespace RetailPerformer.Users.Data;

/// <summary>SMTP settings (<c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:From</c>, <c>Smtp:Username</c>, <c>Smtp:Password</c>, <c>Smtp:EnableSsl</c>).</summary>
internal sealed record SmtpSettings(string? Host, int Port = 25, string From = "no-reply@retailperformer.local",
    string? Username = null, string? Password = null, bool EnableSsl = false, int TimeoutSeconds = 10)
{
    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public static SmtpSettings Read(IConfiguration configuration) =>
        configuration.GetSection("Smtp").Get<SmtpSettings>() ?? new SmtpSettings((string?)null);
}
