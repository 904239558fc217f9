using System.Net;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Stats.Coverage;

/// <summary>GET coverage (issue 15, item 4): per store and day, whether KPI arrived, how many sellers sent, which active sellers did not.</summary>
public sealed class CoverageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Entry(Guid seller) => new { seller_id = seller, ca_journalier = 10m, nb_ventes = 1, nb_articles = 1 };

    private sealed record Chain(TestTenant Tenant, HttpClient Admin, Guid[] Stores, Guid[][] Sellers);

    /// <summary>Two stores of three sellers each (seeded), a random third of (seller, day) pairs sent over a week.</summary>
    private async Task<(Chain Chain, HashSet<(Guid Seller, string Day)> Sent)> ChainWithSomeKpiAsync(int seed)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var stores = new[] { await tenant.CreateStoreAsync(admin), await tenant.CreateStoreAsync(admin) };
        var sellers = new[] { await Seed.SellersAsync(api, tenant.TenantId, stores[0], null, 3), await Seed.SellersAsync(api, tenant.TenantId, stores[1], null, 3) };
        var random = new Random(seed);
        var sent = new HashSet<(Guid, string)>();
        for (var day = 1; day <= 7; day++)
            for (var s = 0; s < 2; s++)
            {
                var date = $"2025-11-{day:00}";
                var senders = sellers[s].Where(_ => random.Next(3) == 0).ToList();
                if (senders.Count == 0) continue;
                await (await admin.PostJson("/api/v1/integrations/kpi/sync", new { store_id = stores[s], date, kpi_entries = senders.Select(Entry).ToArray() }))
                    .ShouldBe(HttpStatusCode.OK);
                foreach (var seller in senders) sent.Add((seller, date));
            }
        return (new Chain(tenant, admin, stores, sellers), sent);
    }

    [Fact]
    public async Task Coverage_is_exact_against_an_independent_count_of_what_was_sent()
    {
        var (chain, sent) = await ChainWithSomeKpiAsync(seed: 17);
        // One seller suspended: no longer expected, though what they sent still counts as sent.
        var suspended = chain.Sellers[0][2];
        await (await chain.Admin.PutJson($"/api/v1/integrations/users/{suspended}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);
        var key = chain.Tenant.WithKey((await chain.Tenant.CreateKeyAsync("kpi:write")).Secret);

        var body = await (await key.GetAsync("/api/v1/integrations/coverage?start_date=2025-11-01&end_date=2025-11-07")).ShouldBe(HttpStatusCode.OK);

        body.GetProperty("period").Str("start").ShouldBe("2025-11-01");
        var allComplete = true;
        foreach (var store in body.GetProperty("stores").EnumerateArray())
        {
            var s = Array.IndexOf(chain.Stores, store.Id("store_id"));
            s.ShouldBeGreaterThanOrEqualTo(0);
            var expected = chain.Sellers[s].Where(id => id != suspended).ToList();
            store.GetProperty("active_sellers").GetInt32().ShouldBe(expected.Count);
            var days = store.GetProperty("days").EnumerateArray().ToList();
            days.Select(d => d.Str("date")).ShouldBe(Enumerable.Range(1, 7).Select(d => $"2025-11-{d:00}"));
            foreach (var day in days)
            {
                var date = day.Str("date");
                var senders = chain.Sellers[s].Where(id => sent.Contains((id, date))).ToList();
                var missing = expected.Where(id => !sent.Contains((id, date))).ToList();
                day.GetProperty("sellers_sent").GetInt32().ShouldBe(senders.Count, $"{s} {date}");
                day.GetProperty("kpi_received").GetBoolean().ShouldBe(senders.Count > 0);
                day.GetProperty("missing_sellers").EnumerateArray().Select(m => m.Id("id")).ShouldBe(missing, ignoreOrder: true);
                day.GetProperty("complete").GetBoolean().ShouldBe(missing.Count == 0);
                allComplete &= missing.Count == 0;
            }
        }
        body.GetProperty("complete").GetBoolean().ShouldBe(allComplete);
        allComplete.ShouldBeFalse();   // the random third leaves gaps: the check above compared both ways
    }

    [Fact]
    public async Task A_day_every_active_seller_sent_is_complete_and_both_families_answer_alike()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        var sellers = await Seed.SellersAsync(api, tenant.TenantId, store, null, 2);
        await (await admin.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "2025-11-26", kpi_entries = sellers.Select(Entry).ToArray() }))
            .ShouldBe(HttpStatusCode.OK);
        var stats = tenant.WithKey((await tenant.CreateKeyAsync("read:stats")).Secret);

        var v1 = await (await stats.GetAsync("/api/v1/integrations/coverage?start_date=2025-11-26&end_date=2025-11-26")).ShouldBe(HttpStatusCode.OK);
        var notice = await (await stats.GetAsync("/api/integrations/coverage?start_date=2025-11-26&end_date=2025-11-26")).ShouldBe(HttpStatusCode.OK);
        v1.GetRawText().ShouldBe(notice.GetRawText());
        v1.GetProperty("complete").GetBoolean().ShouldBeTrue();
        var day = v1.GetProperty("stores")[0].GetProperty("days")[0];
        day.GetProperty("sellers_sent").GetInt32().ShouldBe(2);
        day.GetProperty("missing_sellers").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_restricted_key_sees_only_its_stores_and_another_tenant_nothing_of_ours()
    {
        var (chain, _) = await ChainWithSomeKpiAsync(seed: 3);
        var restricted = chain.Tenant.WithKey((await chain.Tenant.CreateKeyAsync(new { name = "One store", permissions = new[] { "stats:read" }, store_ids = new[] { chain.Stores[1] } })).Secret);
        var body = await (await restricted.GetAsync("/api/v1/integrations/coverage?start_date=2025-11-01&end_date=2025-11-02")).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("stores").EnumerateArray().Select(s => s.Id("store_id")).ShouldBe([chain.Stores[1]]);

        var other = await TestTenant.CreateAsync(api);
        var otherStore = await other.CreateStoreAsync(await other.AllPowerfulAsync());
        var otherKey = other.WithKey((await other.CreateKeyAsync("stats:read")).Secret);
        var theirs = await (await otherKey.GetAsync("/api/v1/integrations/coverage?start_date=2025-11-01&end_date=2025-11-02")).ShouldBe(HttpStatusCode.OK);
        theirs.GetProperty("stores").EnumerateArray().Select(s => s.Id("store_id")).ShouldBe([otherStore]);
    }

    [Theory]
    [InlineData("", "start_date")]
    [InlineData("start_date=2025-11-01", "end_date")]
    [InlineData("start_date=2025-13-01&end_date=2025-11-02", "start_date")]
    [InlineData("start_date=2025-11-05&end_date=2025-11-01", "start_date")]
    [InlineData("start_date=2025-01-01&end_date=2025-12-31", "end_date")]
    public async Task A_bad_period_is_400_naming_the_field(string query, string field)
    {
        var tenant = await TestTenant.CreateAsync(api);
        await tenant.CreateStoreAsync(await tenant.AllPowerfulAsync());
        var key = tenant.WithKey((await tenant.CreateKeyAsync("stats:read")).Secret);
        var body = await (await key.GetAsync($"/api/v1/integrations/coverage?{query}")).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.GetRawText());
    }

    [Fact]
    public async Task Scopes_and_stores_are_checked_before_it_runs()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var readStores = tenant.WithKey((await tenant.CreateKeyAsync("stores:read")).Secret);
        (await (await readStores.GetAsync("/api/v1/integrations/coverage?start_date=2025-11-01&end_date=2025-11-02")).ShouldBe(HttpStatusCode.Forbidden))
            .Str("detail").ShouldBe("Insufficient permissions. Requires 'stats:read' or 'kpi:write'");
        var noStore = tenant.WithKey((await tenant.CreateKeyAsync("stats:read")).Secret);
        (await (await noStore.GetAsync("/api/v1/integrations/coverage?start_date=2025-11-01&end_date=2025-11-02")).ShouldBe(HttpStatusCode.NotFound))
            .Str("detail").ShouldBe("No store is accessible with this API key");
        (await api.Client().GetAsync("/api/v1/integrations/coverage?start_date=2025-11-01&end_date=2025-11-02")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
