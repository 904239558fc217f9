using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Activity.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.Data;

/// <summary>
/// A full request log never makes a request wait or fail: what does not fit is dropped, counted (on <c>/metrics</c> too)
/// and logged, and every request is either in the log or in that count.
/// </summary>
public sealed class RequestLogOverflowTests(TinyRequestLogApiFactory api) : IClassFixture<TinyRequestLogApiFactory>
{
    [Fact]
    public async Task A_burst_beyond_the_buffer_fails_no_request_and_each_request_is_logged_or_counted_dropped()
    {
        const int burst = 60;
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stats:read");
        var client = tenant.WithKey(key.Secret);
        var log = api.Services.GetRequiredService<RequestLog>();
        var droppedBefore = log.Dropped;

        var answers = await Task.WhenAll(Enumerable.Range(0, burst).Select(_ => client.GetAsync("/api/v1/integrations/me")));
        answers.ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.OK);

        // Two records fit until the writer takes them (once a second): most of the burst is dropped.
        long logged = 0;
        await Eventually.WithinAsync(TimeSpan.FromSeconds(15), async () =>
        {
            logged = await api.Scalar<long>("SELECT count(*) FROM activity.requests WHERE key_id = $1", key.Id);
            return logged + log.Dropped - droppedBefore == burst;
        });
        logged.ShouldBeGreaterThan(0);
        (log.Dropped - droppedBefore).ShouldBeGreaterThan(burst / 2);
        await Eventually.WithinAsync(TimeSpan.FromSeconds(5), () =>
            Task.FromResult(api.Logs.Lines.Any(l => l.Contains("Request log:") && l.Contains("records dropped, its buffer full"))));
        PrometheusText.Sample(await api.Client().GetStringAsync("/metrics"), "rp_request_log_dropped_total", null).ShouldBe(log.Dropped);
    }
}
