using Microsoft.Extensions.Configuration;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// How the platform retries work that failed for a reason that may pass (a webhook delivery, an invitation email): the waits
/// after each failed attempt, read from a module's <c>RetrySeconds</c> list (default 5 s, 1 min, 10 min, 1 h, 4 h, 8 h, 12 h:
/// about a day, then given up), each with ±10 % of jitter so that what failed together is not retried together.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> waits)
{
    public static readonly IReadOnlyList<TimeSpan> Default =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(4),
        TimeSpan.FromHours(8), TimeSpan.FromHours(12),
    ];

    /// <summary>The longest wait a server may ask for (<c>Retry-After</c>) that is honoured.</summary>
    private static readonly TimeSpan LongestAsked = TimeSpan.FromDays(1);

    public IReadOnlyList<TimeSpan> Waits { get; } = waits;

    /// <summary><c>RetrySeconds</c> of <paramref name="section"/>, or <see cref="Default"/>.</summary>
    public static RetrySchedule From(IConfigurationSection section) =>
        new(section.GetSection("RetrySeconds").Get<double[]>() is { Length: > 0 } seconds ? seconds.Select(TimeSpan.FromSeconds).ToArray() : Default);

    /// <summary>
    /// The wait before the next attempt once <paramref name="failedAttempts"/> attempts failed, or null when the schedule is spent
    /// (give up). A longer wait the other side asked for (<paramref name="asked"/>) is honoured, up to a day.
    /// </summary>
    public TimeSpan? After(int failedAttempts, TimeSpan? asked = null)
    {
        if (failedAttempts < 1 || failedAttempts > Waits.Count) return null;
        var wait = Waits[failedAttempts - 1] * (0.9 + Random.Shared.NextDouble() * 0.2);
        if (asked is { } longer && longer > wait) wait = longer < LongestAsked ? longer : LongestAsked;
        return wait;
    }
}
