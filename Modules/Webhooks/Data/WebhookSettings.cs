using Microsoft.Extensions.Configuration;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Webhooks.Data;

/// <summary>
/// <c>Webhooks:*</c>. <c>RetrySeconds</c>: the waits after each failed attempt (<see cref="RetrySchedule"/>: about a day, then given up); <c>TimeoutSeconds</c> (10); <c>DisableAfterHours</c> (72: an
/// endpoint failing that long is disabled and its gérant told); <c>AllowLoopback</c>, <c>AllowPrivateNetworks</c> (false:
/// no request forgery towards this machine or its network); <c>PollMilliseconds</c> (1000: how often a host looks for due
/// deliveries); <c>SecretOverlapHours</c> (24: how long a rotated secret keeps signing beside the new one).
/// </summary>
internal sealed record WebhookSettings(
    RetrySchedule Retries, TimeSpan Timeout, TimeSpan DisableAfter, bool AllowLoopback, bool AllowPrivateNetworks, TimeSpan Poll,
    TimeSpan SecretOverlap)
{
    public static WebhookSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        return new WebhookSettings(
            RetrySchedule.From(section),
            TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 10.0)),
            TimeSpan.FromHours(section.GetValue("DisableAfterHours", 72.0)),
            section.GetValue("AllowLoopback", false),
            section.GetValue("AllowPrivateNetworks", false),
            TimeSpan.FromMilliseconds(section.GetValue("PollMilliseconds", 1000.0)),
            TimeSpan.FromHours(section.GetValue("SecretOverlapHours", 24.0)));
    }
}
