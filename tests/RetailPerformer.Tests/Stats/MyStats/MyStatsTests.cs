using System.Net;
using System.Text.Json;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Stats.MyStats;

public sealed class MyStatsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Entry(Guid seller, decimal ca, int ventes, int articles, int prospects = 0) =>
        new { seller_id = seller, ca_journalier = ca, nb_ventes = ventes, nb_articles = articles, prospects };

    [Fact]
    public async Task My_stats_has_the_guides_shape_with_every_store_zeros_included_and_deleted_stores_flagged()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var paris = await tenant.CreateStoreAsync(admin, "Skyco Paris Centre");
        var lyon = await tenant.CreateStoreAsync(admin, "Skyco Lyon Part-Dieu");
        var empty = await tenant.CreateStoreAsync(admin, "Skyco Zero");
        var parisSeller = await tenant.CreateSellerAsync(admin, paris);
        var lyonSeller = await tenant.CreateSellerAsync(admin, lyon);
        await (await admin.PostJson("/api/v1/integrations/kpi/sync", new { store_id = paris, date = "2025-01-10", kpi_entries = new[] { Entry(parisSeller, 1000.10m, 8, 13, 20) } })).ShouldBe(HttpStatusCode.OK);
        await (await admin.PostJson("/api/v1/integrations/kpi/sync", new { store_id = paris, date = "2025-02-10", kpi_entries = new[] { Entry(parisSeller, 999m, 1, 1) } })).ShouldBe(HttpStatusCode.OK);
        await (await admin.PostJson("/api/v1/integrations/kpi/sync", new { store_id = lyon, date = "2025-01-31", kpi_entries = new[] { Entry(lyonSeller, 500.00m, 3, 4) } })).ShouldBe(HttpStatusCode.OK);
        // A deleted store and a deleted seller keep their history in the statistics.
        await (await admin.DeleteAsync($"/api/v1/integrations/users/{lyonSeller}")).ShouldBe(HttpStatusCode.OK);
        await (await admin.DeleteAsync($"/api/v1/integrations/stores/{lyon}")).ShouldBe(HttpStatusCode.OK);

        var stats = tenant.WithKey((await tenant.CreateKeyAsync("read:stats")).Secret);
        var body = await (await stats.GetAsync("/api/v1/integrations/my-stats?start_date=2025-01-01&end_date=2025-01-31")).ShouldBe(HttpStatusCode.OK);

        body.GetProperty("period").Str("start").ShouldBe("2025-01-01");
        body.GetProperty("period").Str("end").ShouldBe("2025-01-31");
        var stores = body.GetProperty("stores").EnumerateArray().ToDictionary(s => s.Id("store_id"));
        stores.Count.ShouldBe(3);
        var p = stores[paris].GetProperty("metrics");
        stores[paris].Str("store_name").ShouldBe("Skyco Paris Centre");
        p.GetProperty("total_ca").GetDecimal().ShouldBe(1000.10m);
        p.GetProperty("total_ventes").GetInt64().ShouldBe(8);
        p.GetProperty("total_articles").GetInt64().ShouldBe(13);
        p.GetProperty("average_basket").GetDecimal().ShouldBe(125.01m);
        p.GetProperty("total_prospects").GetInt64().ShouldBe(20);
        p.GetProperty("taux_transformation").GetDecimal().ShouldBe(40.00m);
        stores[lyon].GetProperty("active").GetBoolean().ShouldBeFalse();
        stores[lyon].GetProperty("metrics").GetProperty("total_ca").GetDecimal().ShouldBe(500.00m);
        var zero = stores[empty].GetProperty("metrics");
        zero.GetProperty("total_ca").GetDecimal().ShouldBe(0m);
        zero.GetProperty("average_basket").GetDecimal().ShouldBe(0m);
        zero.GetProperty("taux_transformation").ValueKind.ShouldBe(JsonValueKind.Null);

        var all = body.GetProperty("total_all_stores");
        all.GetProperty("total_ca").GetDecimal().ShouldBe(1500.10m);
        all.GetProperty("total_ventes").GetInt64().ShouldBe(11);
        all.GetProperty("total_articles").GetInt64().ShouldBe(17);
        all.GetProperty("average_basket").GetDecimal().ShouldBe(136.37m);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?start_date=2025-01-01")]
    [InlineData("?end_date=2025-01-31")]
    [InlineData("?start_date=2025-02-01&end_date=2025-01-31")]
    [InlineData("?start_date=01/01/2025&end_date=2025-01-31")]
    [InlineData("?start_date=2025-01-01&end_date=2025-02-30")]
    [InlineData("?start_date=2000-01-01&end_date=2025-01-01")]
    public async Task Missing_malformed_or_reversed_dates_are_400(string query)
    {
        var tenant = await TestTenant.CreateAsync(api);
        await tenant.CreateStoreAsync(await tenant.AllPowerfulAsync());
        var stats = tenant.WithKey((await tenant.CreateKeyAsync("read:stats")).Secret);
        await (await stats.GetAsync("/api/v1/integrations/my-stats" + query)).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task My_stats_needs_stats_read_is_404_without_store_and_confines_a_restricted_key()
    {
        var tenant = await TestTenant.CreateAsync(api);
        const string query = "/api/integrations/my-stats?start_date=2025-01-01&end_date=2025-01-31";
        var stats = tenant.WithKey((await tenant.CreateKeyAsync("read:stats")).Secret);
        await (await stats.GetAsync(query)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.NoAccessibleStore);
        await (await tenant.WithKey((await tenant.CreateKeyAsync("stores:read", "kpi:write")).Secret).GetAsync(query))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "Insufficient permissions. Requires 'stats:read'");

        var admin = await tenant.AllPowerfulAsync();
        var a = await tenant.CreateStoreAsync(admin);
        var b = await tenant.CreateStoreAsync(admin);
        var seller = await tenant.CreateSellerAsync(admin, b);
        await (await admin.PostJson("/api/v1/integrations/kpi/sync", new { store_id = b, date = "2025-01-05", kpi_entries = new[] { Entry(seller, 50m, 1, 1) } })).ShouldBe(HttpStatusCode.OK);
        var restricted = tenant.WithKey((await tenant.CreateKeyAsync(new { name = "r", permissions = new[] { "read:stats" }, store_ids = new[] { a.ToString() } })).Secret);
        var body = await (await restricted.GetAsync(query)).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("stores").EnumerateArray().Select(s => s.Id("store_id")).ShouldBe([a]);
        body.GetProperty("total_all_stores").GetProperty("total_ca").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task My_stats_matches_an_independent_computation_over_random_data_and_random_periods()
    {
        var random = new Random(20251126);
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var stores = new List<(Guid Store, Guid[] Sellers)>();
        for (var s = 0; s < 3; s++)
        {
            var store = await tenant.CreateStoreAsync(admin);
            var sellers = new Guid[4];
            for (var i = 0; i < sellers.Length; i++) sellers[i] = await tenant.CreateSellerAsync(admin, store);
            stores.Add((store, sellers));
        }

        // What the test believes is stored: the last value sent for each (seller, date).
        var expected = new Dictionary<(Guid Seller, DateOnly Date), (Guid Store, decimal Ca, int Ventes, int Articles, int Prospects)>();
        var firstDay = new DateOnly(2025, 1, 1);
        for (var batch = 0; batch < 90; batch++)
        {
            var (store, sellers) = stores[random.Next(stores.Count)];
            var date = firstDay.AddDays(random.Next(0, 120));
            var chosen = sellers.Where(_ => random.Next(3) > 0).DefaultIfEmpty(sellers[0]).ToArray();
            var entries = chosen.Select(seller =>
            {
                var value = (Ca: Math.Round((decimal)random.NextDouble() * 3000m, 2), Ventes: random.Next(0, 40), Articles: random.Next(0, 90), Prospects: random.Next(0, 60));
                expected[(seller, date)] = (store, value.Ca, value.Ventes, value.Articles, value.Prospects);
                return Entry(seller, value.Ca, value.Ventes, value.Articles, value.Prospects);
            }).ToArray();
            await (await admin.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = date.ToString("yyyy-MM-dd"), kpi_entries = entries }))
                .ShouldBe(HttpStatusCode.OK);
        }
        expected.Count.ShouldBeGreaterThan(200);

        var stats = tenant.WithKey((await tenant.CreateKeyAsync("read:stats")).Secret);
        for (var period = 0; period < 12; period++)
        {
            var start = firstDay.AddDays(random.Next(0, 120));
            var end = start.AddDays(random.Next(0, 150));
            var body = await (await stats.GetAsync($"/api/v1/integrations/my-stats?start_date={start:yyyy-MM-dd}&end_date={end:yyyy-MM-dd}")).ShouldBe(HttpStatusCode.OK);

            var inPeriod = expected.Where(e => e.Key.Date >= start && e.Key.Date <= end).Select(e => e.Value).ToList();
            foreach (var store in body.GetProperty("stores").EnumerateArray())
            {
                var mine = inPeriod.Where(v => v.Store == store.Id("store_id")).ToList();
                AssertMetrics(store.GetProperty("metrics"), mine.Sum(v => v.Ca), mine.Sum(v => v.Ventes), mine.Sum(v => v.Articles), mine.Sum(v => v.Prospects));
            }
            AssertMetrics(body.GetProperty("total_all_stores"), inPeriod.Sum(v => v.Ca), inPeriod.Sum(v => v.Ventes), inPeriod.Sum(v => v.Articles), inPeriod.Sum(v => v.Prospects));
        }
    }

    private static void AssertMetrics(JsonElement metrics, decimal ca, long ventes, long articles, long prospects)
    {
        metrics.GetProperty("total_ca").GetDecimal().ShouldBe(ca);
        metrics.GetProperty("total_ventes").GetInt64().ShouldBe(ventes);
        metrics.GetProperty("total_articles").GetInt64().ShouldBe(articles);
        metrics.GetProperty("total_prospects").GetInt64().ShouldBe(prospects);
        metrics.GetProperty("average_basket").GetDecimal().ShouldBe(ventes == 0 ? 0m : Math.Round(ca / ventes, 2, MidpointRounding.AwayFromZero));
        if (prospects == 0) metrics.GetProperty("taux_transformation").ValueKind.ShouldBe(JsonValueKind.Null);
        else metrics.GetProperty("taux_transformation").GetDecimal().ShouldBe(Math.Round(100m * ventes / prospects, 2, MidpointRounding.AwayFromZero));
    }
}
