using RetailPerformer.Keys.Data;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Contracts.Kpi;
using RetailPerformer.Stats.MyStats;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Unit;

/// <summary>The arithmetic behind the answers, tried without a host.</summary>
public sealed class PureLogicTests
{
    [Fact]
    public void Metrics_round_to_two_decimals_and_need_sales_and_prospects_for_their_ratios()
    {
        var metrics = StatsMetrics.From(new KpiTotals(1000.005m, 3, 7, 8));
        metrics.TotalCa.ShouldBe(1000.01m);
        metrics.AverageBasket.ShouldBe(333.34m);
        metrics.TauxTransformation.ShouldBe(37.5m);

        var none = StatsMetrics.From(KpiTotals.Zero);
        none.AverageBasket.ShouldBe(0m);
        none.TauxTransformation.ShouldBeNull();
    }

    [Fact]
    public void A_key_hint_shows_its_prefix_and_last_four_characters_only()
    {
        var secret = ApiKeySecrets.NewSecret();
        var hint = ApiKeySecrets.Hint(secret);
        hint.ShouldStartWith("rp_live_");
        hint.ShouldEndWith(secret[^4..]);
        hint.Length.ShouldBeLessThan(20);
        secret.ShouldNotContain(hint.Replace("…", ""), Case.Sensitive);
    }

    [Fact]
    public void A_rate_bucket_grants_its_burst_then_one_per_interval_and_says_how_long_to_wait()
    {
        var clock = new ManualClock();
        using var buckets = new RateBuckets<int>(permitsPerSecond: 2, burst: 3, clock);

        for (var i = 0; i < 3; i++) buckets.TryAcquire(1).ShouldBeNull();
        var wait = buckets.TryAcquire(1);
        wait.ShouldNotBeNull();
        wait.Value.TotalSeconds.ShouldBeInRange(0.4, 0.5);     // one token every half second
        buckets.TryAcquire(2).ShouldBeNull();                  // another key has its own bucket

        clock.Advance(TimeSpan.FromSeconds(0.5));
        buckets.TryAcquire(1).ShouldBeNull();
        buckets.TryAcquire(1).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromSeconds(10));                // refilled, but never beyond the burst
        for (var i = 0; i < 3; i++) buckets.TryAcquire(1).ShouldBeNull();
        buckets.TryAcquire(1).ShouldNotBeNull();
    }
}
