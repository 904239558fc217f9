using Microsoft.Extensions.Configuration;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Users.Data;

/// <summary>
/// <c>Invitations:*</c>: <c>RetrySeconds</c>, the waits after each failed email (<see cref="RetrySchedule"/>, the webhooks'
/// default: about a day, then given up); <c>PollMilliseconds</c> (1000: how often a host looks for emails due again).
/// </summary>
internal sealed record InvitationSettings(RetrySchedule Retries, TimeSpan Poll)
{
    public static InvitationSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Invitations");
        return new InvitationSettings(RetrySchedule.From(section), TimeSpan.FromMilliseconds(section.GetValue("PollMilliseconds", 1000.0)));
    }
}
