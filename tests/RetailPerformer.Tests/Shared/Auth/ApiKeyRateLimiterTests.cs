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

    private static int Header(HttpResponseMessage response, string name) => int.Parse(response.Headers.GetValues(name).Single());

    [Fact]
    public async Task Every_answer_to_a_key_tells_its_budget_429s_included()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = tenant.WithKey((await tenant.CreateKeyAsync("stats:read")).Secret);

        var remaining = new List<int>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var answer = await client.GetAsync("/api/v1/integrations/me");
            Header(answer, "RateLimit-Limit").ShouldBe(3);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests) { refused = answer; break; }
            remaining.Add(Header(answer, "RateLimit-Remaining"));
            Header(answer, "RateLimit-Reset").ShouldBeInRange(1, 3);
        }
        remaining.ShouldBe([2, 1, 0]);
        refused.ShouldNotBeNull();
        Header(refused, "RateLimit-Remaining").ShouldBe(0);
        Header(refused, "RateLimit-Reset").ShouldBe(3);

        api.Clock.Advance(TimeSpan.FromSeconds(3));
        Header(await client.GetAsync("/api/v1/integrations/me"), "RateLimit-Remaining").ShouldBe(2);
    }

    [Fact]
    public async Task A_gerant_gives_a_key_its_own_rate_within_the_products_maximum()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var created = await (await tenant.Gerant().PostJson("/api/gerant/api-keys",
            new { name = "nightly import", permissions = new[] { "kpi:write" }, rate_limit_per_second = 5 })).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("api_key").GetProperty("rate_limit_per_second").GetInt32().ShouldBe(5);
        var client = tenant.WithKey(created.Str("key"));

        // Its bursts keep the product's proportion: this host gives 1 a second and 3 at once, so 5 a second is 15 at once.
        var first = await client.GetAsync("/api/v1/integrations/me");
        Header(first, "RateLimit-Limit").ShouldBe(15);

        // Regenerated, the key keeps its rate.
        var regenerated = await (await tenant.Gerant().PostAsync($"/api/gerant/api-keys/{created.GetProperty("api_key").Id("id")}/regenerate", null))
            .ShouldBe(HttpStatusCode.Created);
        regenerated.GetProperty("api_key").GetProperty("rate_limit_per_second").GetInt32().ShouldBe(5);

        foreach (var rate in new[] { 0, -1, 501 })
        {
            var body = await (await tenant.Gerant().PostJson("/api/gerant/api-keys", new { name = "x", permissions = new[] { "kpi:write" }, rate_limit_per_second = rate }))
                .ShouldBe(HttpStatusCode.BadRequest);
            body.GetProperty("errors").GetProperty("rate_limit_per_second")[0].GetString().ShouldBe("'rate_limit_per_second' must be between 1 and 500");
        }
    }
}
