using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Activity.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.Data;

/// <summary>
/// The request log never fails a request (a host and a PostgreSQL of its own): when the log cannot be written, requests
/// are answered as ever and the records are dropped, counted and logged; when the whole database is gone, requests get
/// the database's 503, not a log error; and logging resumes by itself.
/// </summary>
public sealed class RequestLogOutageTests(OwnServerApiFactory api) : IClassFixture<OwnServerApiFactory>
{
    [Fact]
    public async Task Failures_to_write_the_log_fail_no_request_and_are_counted()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = tenant.WithKey((await tenant.CreateKeyAsync("stats:read")).Secret);
        var log = api.Services.GetRequiredService<RequestLog>();

        // The log's table unwritable (the rest of the database fine): every request still succeeds.
        var dropped = log.Dropped;
        await api.Execute("ALTER TABLE activity.request_blocks RENAME TO request_blocks_away");
        try
        {
            for (var i = 0; i < 10; i++) (await client.GetAsync("/api/v1/integrations/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
            // Counted, then logged: the line may come a moment after the count.
            await Eventually.WithinAsync(TimeSpan.FromSeconds(15), () => Task.FromResult(log.Dropped >= dropped + 10
                && api.Logs.Lines.Any(l => l.Contains("Request log:") && l.Contains("records dropped"))));
            // And on /metrics, for the operator's alert.
            PrometheusText.Sample(await api.Client().GetStringAsync("/metrics"), "rp_request_log_dropped_total", null).ShouldBeGreaterThanOrEqualTo(dropped + 10);
        }
        finally
        {
            await api.Execute("ALTER TABLE activity.request_blocks_away RENAME TO request_blocks");
        }

        // The whole database gone: the answer is the database's 503, promptly.
        await api.Cluster.StopAsync();
        try
        {
            var answer = await client.GetAsync("/api/v1/integrations/me");
            answer.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
                (await answer.ShouldBe(HttpStatusCode.ServiceUnavailable)).Str("detail").ShouldBe("The database is unavailable; retry after the delay in Retry-After");
        }
        finally
        {
            await api.RestartServerAsync();
        }

        // Back: the next requests are logged again.
        var since = DateTime.UtcNow.AddSeconds(-1);
        await Eventually.WithinAsync(TimeSpan.FromSeconds(15), async () => (await client.GetAsync("/api/v1/integrations/me")).StatusCode == HttpStatusCode.OK);
        await Eventually.WithinAsync(TimeSpan.FromSeconds(15), async () => await api.Scalar<long>("SELECT count(*) FROM activity.requests WHERE tenant_id = $1 AND at >= $2", tenant.TenantId, since) > 0);
    }
}
