using System.Diagnostics;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// The host's <see cref="TimeProvider"/> in <see cref="ClockedApiFactory"/>: real time, plus whatever a test has
/// <see cref="Advance"/>d it by — so a test waits out a 5-second sign-in delay or a rate limit's Retry-After at once,
/// and nothing in the host stops seeing time pass.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    private TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override long GetTimestamp() => Stopwatch.GetTimestamp() + (long)(Offset.TotalSeconds * Stopwatch.Frequency);
}
