using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Shared.Auth;

/// <summary>Burst 3, then one a second (<see cref="ClockedApiFactory"/>); waiting a Retry-After is moving the host's clock.</summary>
public sealed class ApiKeyRateLimiterTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_another_key_is_unaffected_and_it_recovers()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var busy = tenant.WithKey((await tenant.CreateKeyAsync("kpi:write")).Secret);
        var quiet = tenant.WithKey((await tenant.CreateKeyAsync("kpi:write")).Secret);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await busy.GetAsync("/api/v1/integrations/me");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        limited.ShouldNotBeNull();
        await limited.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);

        await (await quiet.GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);

        api.Clock.Advance(limited.Headers.RetryAfter.Delta.Value);
        await (await busy.GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_refused_for_their_scope_do_not_spend_the_keys_budget()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = tenant.WithKey((await tenant.CreateKeyAsync("kpi:write")).Secret);

        for (var i = 0; i < 6; i++)
            await (await client.GetAsync("/api/v1/integrations/stores")).ShouldBeProblem(HttpStatusCode.Forbidden, "Insufficient permissions. Requires 'stores:read'");

        // Burst 3: the whole burst is still there.
        for (var i = 0; i < 3; i++) await (await client.GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemMessages.RateLimited);
    }

    [Fact]
    public async Task Concurrent_requests_of_one_key_get_no_more_than_its_burst()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = tenant.WithKey((await tenant.CreateKeyAsync("stats:read")).Secret);

        var started = DateTime.UtcNow;
        var statuses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ => (await client.GetAsync("/api/v1/integrations/me")).StatusCode));
        var elapsed = DateTime.UtcNow - started;

        // Burst 3, then one a second: the first three at once, plus one per second the batch took.
        var granted = statuses.Count(s => s == HttpStatusCode.OK);
        granted.ShouldBeGreaterThanOrEqualTo(3);
        granted.ShouldBeLessThanOrEqualTo(3 + (int)Math.Ceiling(elapsed.TotalSeconds));
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(24 - granted);
    }
}
