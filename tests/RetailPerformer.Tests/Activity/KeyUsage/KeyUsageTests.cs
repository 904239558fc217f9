using System.Net;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.KeyUsage;

/// <summary>A key's usage (issue 15, item 3): 30 days by status class, and its last error.</summary>
public sealed class KeyUsageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static async Task<JsonElement> UsageAsync(HttpClient gerant, Guid keyId, long requests)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var body = await (await gerant.GetAsync($"/api/gerant/api-keys/{keyId}/usage")).ShouldBe(HttpStatusCode.OK);
            if (body.GetProperty("requests").GetInt64() >= requests || DateTime.UtcNow > deadline) return body;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Thirty_days_by_status_class_with_today_counted_and_the_last_error()
    {
        var (tenant, _, store) = await TestTenant.WithStoreAsync(api);
        var key = await tenant.CreateKeyAsync("stats:read", "kpi:write");
        var client = tenant.WithKey(key.Secret);
        // Earlier days, as the log writer would have left them (hourly counts): 20 days ago and yesterday.
        var now = DateTime.UtcNow;
        await api.Execute("""
            INSERT INTO activity.request_counts (tenant_id, key_id, hour, route, status, count) VALUES
              ($1, $2, date_trunc('hour', $3::timestamptz - interval '20 days'), '/api/v1/integrations/me', 200, 7),
              ($1, $2, date_trunc('hour', $3::timestamptz - interval '1 day'), '/api/v1/integrations/me', 200, 2),
              ($1, $2, date_trunc('hour', $3::timestamptz - interval '1 day'), '/api/v1/integrations/kpi/sync', 503, 1),
              ($1, $2, date_trunc('hour', $3::timestamptz - interval '31 days'), '/api/v1/integrations/me', 200, 1000)
            """, tenant.TenantId, key.Id, now);

        for (var i = 0; i < 3; i++) (await client.GetAsync("/api/v1/integrations/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/integrations/stores")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var unknown = Guid.NewGuid();
        (await client.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "2025-11-26", kpi_entries = new[] { new { seller_id = unknown, ca_journalier = 1, nb_ventes = 1, nb_articles = 1 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var usage = await UsageAsync(tenant.Gerant(), key.Id, 15);
        var days = usage.GetProperty("days").EnumerateArray().ToList();
        days.Count.ShouldBe(30);
        var today = DateOnly.FromDateTime(now);
        days.Select(d => d.Str("date")).ShouldBe(Enumerable.Range(-29, 30).Select(i => today.AddDays(i).ToString("yyyy-MM-dd")));
        int Count(JsonElement day, string status) => day.GetProperty(status).GetInt32();
        (Count(days[29], "status_2xx"), Count(days[29], "status_4xx"), Count(days[29], "status_5xx")).ShouldBe((3, 2, 0));
        (Count(days[28], "status_2xx"), Count(days[28], "status_5xx")).ShouldBe((2, 1));
        Count(days[9], "status_2xx").ShouldBe(7);
        days.Sum(d => Count(d, "status_3xx")).ShouldBe(0);
        usage.GetProperty("requests").GetInt64().ShouldBe(15);   // the 1,000 of 31 days ago are outside the window
        usage.GetProperty("errors").GetInt64().ShouldBe(3);
        var last = usage.GetProperty("last_error");
        last.GetProperty("status").GetInt32().ShouldBe(404);
        last.Str("route").ShouldBe("/api/v1/integrations/kpi/sync");
        last.Str("detail").ShouldBe($"Sellers not found in store {store}: {unknown}");
    }

    [Fact]
    public async Task A_key_never_used_has_thirty_empty_days_and_no_last_error_and_another_tenants_key_is_404()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stats:read");
        var usage = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/usage")).ShouldBe(HttpStatusCode.OK);
        usage.GetProperty("days").GetArrayLength().ShouldBe(30);
        usage.GetProperty("requests").GetInt64().ShouldBe(0);
        usage.GetProperty("last_error").ValueKind.ShouldBe(JsonValueKind.Null);

        var other = await TestTenant.CreateAsync(api);
        await (await other.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/usage")).ShouldBeProblem(HttpStatusCode.NotFound, "API key not found");
        await (await other.Gerant().GetAsync("/api/gerant/api-keys/x/usage")).ShouldBe(HttpStatusCode.NotFound);
        await (await tenant.WithKey(key.Secret).GetAsync($"/api/gerant/api-keys/{key.Id}/usage")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
