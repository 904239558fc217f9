using System.Diagnostics;
using Shouldly;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>For what becomes true across hosts or servers (a notification heard, a row replicated): ask until it holds.</summary>
public static class Eventually
{
    /// <summary>Asks <paramref name="holds"/> every few milliseconds until it is true (at most <paramref name="within"/>); how long it took.</summary>
    public static async Task<TimeSpan> WithinAsync(TimeSpan within, Func<Task<bool>> holds)
    {
        var clock = Stopwatch.StartNew();
        while (!await holds())
        {
            if (clock.Elapsed > within) throw new ShouldAssertException($"not true within {within.TotalSeconds} s");
            await Task.Delay(10);
        }
        return clock.Elapsed;
    }
}
