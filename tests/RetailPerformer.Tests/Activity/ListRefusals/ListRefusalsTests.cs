using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.ListRefusals;

/// <summary>The tenant's 401, 403 and 429 of the last 24 hours, per key (issue 15, item 3).</summary>
public sealed class ListRefusalsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Each_keys_refusals_of_the_last_day_are_counted_by_status_and_another_tenant_sees_none_of_them()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var revoked = await tenant.CreateKeyAsync(new { name = "Ancien connecteur", permissions = new[] { "stats:read" } });
        var narrow = await tenant.CreateKeyAsync(new { name = "n8n", permissions = new[] { "stats:read" }, rate_limit_per_second = 1 });
        var quiet = await tenant.CreateKeyAsync("stats:read");
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{revoked.Id}")).ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++) (await tenant.WithKey(revoked.Secret).GetAsync("/api/v1/integrations/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var n8n = tenant.WithKey(narrow.Secret);
        (await n8n.GetAsync("/api/v1/integrations/stores")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) answers.Add((await n8n.GetAsync("/api/v1/integrations/me")).StatusCode);
        var limited = answers.Count(a => a == HttpStatusCode.TooManyRequests);
        limited.ShouldBeGreaterThan(0);
        (await tenant.WithKey(quiet.Secret).GetAsync("/api/v1/integrations/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A refusal of 25 hours ago is outside the window.
        await api.Execute("""
            INSERT INTO activity.request_counts (tenant_id, key_id, hour, route, status, count)
            VALUES ($1, $2, date_trunc('hour', now() - interval '26 hours'), '/api/v1/integrations/me', 401, 50)
            """, tenant.TenantId, revoked.Id);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        System.Text.Json.JsonElement body;
        do
        {
            body = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys/refusals")).ShouldBe(HttpStatusCode.OK);
            if (body.GetProperty("too_many_requests").GetInt64() >= limited && body.GetProperty("unauthorized").GetInt64() >= 2) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);

        (body.GetProperty("unauthorized").GetInt64(), body.GetProperty("forbidden").GetInt64(), body.GetProperty("too_many_requests").GetInt64())
            .ShouldBe((2, 1, limited));
        var keys = body.GetProperty("keys").EnumerateArray().ToList();
        keys.Select(k => k.Id("key_id")).ShouldBe([narrow.Id, revoked.Id], ignoreOrder: true);   // the quiet key had none
        var old = keys.Single(k => k.Id("key_id") == revoked.Id);
        (old.Str("name"), old.GetProperty("unauthorized").GetInt64(), old.GetProperty("forbidden").GetInt64()).ShouldBe(("Ancien connecteur", 2, 0));
        var current = keys.Single(k => k.Id("key_id") == narrow.Id);
        (current.GetProperty("forbidden").GetInt64(), current.GetProperty("too_many_requests").GetInt64()).ShouldBe((1, limited));

        var stranger = await TestTenant.CreateAsync(api);
        var theirs = await (await stranger.Gerant().GetAsync("/api/gerant/api-keys/refusals")).ShouldBe(HttpStatusCode.OK);
        theirs.GetProperty("keys").GetArrayLength().ShouldBe(0);
        theirs.GetProperty("unauthorized").GetInt64().ShouldBe(0);
    }
}
