using Microsoft.Extensions.Configuration;

namespace RetailPerformer.Webhooks.Data;

/// <summary>
/// <c>Webhooks:*</c>. <c>RetrySeconds</c>: the waits after each failed attempt (default 5 s, 1 min, 10 min, 1 h, 4 h, 8 h,
/// 12 h: about a day, then given up), each ±10 % of jitter; <c>TimeoutSeconds</c> (10); <c>DisableAfterHours</c> (72: an
/// endpoint failing that long is disabled and its gérant told); <c>AllowLoopback</c>, <c>AllowPrivateNetworks</c> (false:
/// no request forgery towards this machine or its network); <c>PollMilliseconds</c> (1000: how often a host looks for due
/// deliveries); <c>SecretOverlapHours</c> (24: how long a rotated secret keeps signing beside the new one).
/// </summary>
internal sealed record WebhookSettings(
    TimeSpan[] RetrySchedule, TimeSpan Timeout, TimeSpan DisableAfter, bool AllowLoopback, bool AllowPrivateNetworks, TimeSpan Poll,
    TimeSpan SecretOverlap)
{
    public static WebhookSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        var retries = section.GetSection("RetrySeconds").Get<double[]>() is { Length: > 0 } seconds
            ? seconds.Select(TimeSpan.FromSeconds).ToArray()
            : [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(4),
               TimeSpan.FromHours(8), TimeSpan.FromHours(12)];
        return new WebhookSettings(
            retries,
            TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 10.0)),
            TimeSpan.FromHours(section.GetValue("DisableAfterHours", 72.0)),
            section.GetValue("AllowLoopback", false),
            section.GetValue("AllowPrivateNetworks", false),
            TimeSpan.FromMilliseconds(section.GetValue("PollMilliseconds", 1000.0)),
            TimeSpan.FromHours(section.GetValue("SecretOverlapHours", 24.0)));
    }
}
