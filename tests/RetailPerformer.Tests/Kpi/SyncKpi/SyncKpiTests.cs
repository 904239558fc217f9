using System.Net;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Kpi.SyncKpi;

public sealed class SyncKpiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private sealed record Chain(TestTenant Tenant, HttpClient Admin, HttpClient Kpi, Guid Store, Guid[] Sellers);

    private async Task<Chain> ChainAsync(int sellers = 2)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        var manager = await tenant.CreateManagerAsync(admin, store);
        var ids = await Seed.SellersAsync(api, tenant.TenantId, store, manager, sellers);
        return new Chain(tenant, admin, tenant.WithKey((await tenant.CreateKeyAsync("write:kpi")).Secret), store, ids);
    }

    private static object Entry(Guid seller, decimal ca = 1500.00m, int ventes = 12, int articles = 24, int? prospects = 5) =>
        new { seller_id = seller, ca_journalier = ca, nb_ventes = ventes, nb_articles = articles, prospects };

    private Task<long> Rows(Chain chain) => api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE tenant_id = $1", chain.Tenant.TenantId);

    [Fact]
    public async Task A_batch_creates_rows_and_a_replay_only_updates_them()
    {
        var chain = await ChainAsync();
        var batch = new
        {
            store_id = chain.Store, date = "2025-11-26", source = "pos_system_v2",
            kpi_entries = new[] { Entry(chain.Sellers[0]), Entry(chain.Sellers[1], 2300.00m, 18, 35, 8) },
        };

        var first = await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", batch)).ShouldBe(HttpStatusCode.OK);
        first.Str("status").ShouldBe("success");
        first.Str("message").ShouldBe("KPI synchronized successfully");
        first.GetProperty("entries_created").GetInt32().ShouldBe(2);
        first.GetProperty("entries_updated").GetInt32().ShouldBe(0);
        first.GetProperty("total").GetInt32().ShouldBe(2);
        first.GetProperty("synced_entries").GetInt32().ShouldBe(2);
        first.Id("store_id").ShouldBe(chain.Store);
        first.Str("date").ShouldBe("2025-11-26");

        var replay = await (await chain.Kpi.PostJson("/api/integrations/kpi/sync", batch)).ShouldBe(HttpStatusCode.OK);
        replay.GetProperty("entries_created").GetInt32().ShouldBe(0);
        replay.GetProperty("entries_updated").GetInt32().ShouldBe(2);
        (await Rows(chain)).ShouldBe(2);
        (await api.Scalar<decimal>("SELECT ca_journalier FROM kpi.entries WHERE seller_id = $1", chain.Sellers[1])).ShouldBe(2300.00m);
        (await api.Scalar<string>("SELECT source FROM kpi.entries WHERE seller_id = $1", chain.Sellers[1])).ShouldBe("pos_system_v2");
        replay.GetProperty("entries").EnumerateArray().Select(e => e.Id("kpi_id"))
            .ShouldBe(first.GetProperty("entries").EnumerateArray().Select(e => e.Id("kpi_id")), ignoreOrder: true);
    }

    [Fact]
    public async Task Source_defaults_to_external_api_and_prospects_to_zero_and_an_update_changes_the_values()
    {
        var chain = await ChainAsync(1);
        await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = chain.Store.ToString(), date = "2024-01-15",
            kpi_entries = new[] { new { seller_id = chain.Sellers[0], ca_journalier = 1250.50, nb_ventes = 12, nb_articles = 28 } },
        })).ShouldBe(HttpStatusCode.OK);
        (await api.Scalar<string>("SELECT source FROM kpi.entries WHERE seller_id = $1", chain.Sellers[0])).ShouldBe("external_api");
        (await api.Scalar<int>("SELECT prospects FROM kpi.entries WHERE seller_id = $1", chain.Sellers[0])).ShouldBe(0);

        await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = chain.Store, date = "2024-01-15", kpi_entries = new[] { Entry(chain.Sellers[0], 99.99m, 1, 2, 3) },
        })).ShouldBe(HttpStatusCode.OK);
        (await api.Scalar<decimal>("SELECT ca_journalier FROM kpi.entries WHERE seller_id = $1", chain.Sellers[0])).ShouldBe(99.99m);
        (await api.Scalar<decimal>("SELECT ca FROM kpi.store_daily_totals WHERE store_id = $1", chain.Store)).ShouldBe(99.99m);
    }

    public static TheoryData<string, string> InvalidEntries() => new()
    {
        { """{"seller_id": "S", "ca_journalier": -1, "nb_ventes": 1, "nb_articles": 1}""", "ca_journalier" },
        { """{"seller_id": "S", "ca_journalier": 1, "nb_ventes": -1, "nb_articles": 1}""", "nb_ventes" },
        { """{"seller_id": "S", "ca_journalier": 1, "nb_ventes": 1, "nb_articles": -5}""", "nb_articles" },
        { """{"seller_id": "S", "ca_journalier": 1, "nb_ventes": 1, "nb_articles": 1, "prospects": -2}""", "prospects" },
        { """{"seller_id": "S", "ca_journalier": 1.005, "nb_ventes": 1, "nb_articles": 1}""", "ca_journalier" },
        { """{"seller_id": "S", "nb_ventes": 1, "nb_articles": 1}""", "ca_journalier" },
        { """{"seller_id": "S", "ca_journalier": 1, "nb_articles": 1}""", "nb_ventes" },
        { """{"ca_journalier": 1, "nb_ventes": 1, "nb_articles": 1}""", "seller_id" },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public async Task One_invalid_entry_rejects_the_whole_batch_and_writes_nothing(string invalidEntry, string field)
    {
        var chain = await ChainAsync();
        var json = $$"""
            {"store_id": "{{chain.Store}}", "date": "2025-11-26", "kpi_entries": [
              {"seller_id": "{{chain.Sellers[0]}}", "ca_journalier": 10, "nb_ventes": 1, "nb_articles": 1},
              {{invalidEntry.Replace("\"S\"", $"\"{chain.Sellers[1]}\"")}}
            ]}
            """;
        var body = await (await chain.Kpi.PostRaw("/api/v1/integrations/kpi/sync", json)).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").EnumerateObject().ShouldContain(e => e.Name.EndsWith(field), body.GetRawText());
        (await Rows(chain)).ShouldBe(0);
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("26/11/2025")]
    [InlineData("2025-11-26T00:00:00")]
    [InlineData("")]
    [InlineData("1999-12-31")]
    [InlineData("2099-01-01")]
    public async Task A_bad_or_far_future_date_is_400_and_writes_nothing(string date)
    {
        var chain = await ChainAsync(1);
        var body = await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = chain.Store, date, kpi_entries = new[] { Entry(chain.Sellers[0]) } }))
            .ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty("date", out _).ShouldBeTrue();
        (await Rows(chain)).ShouldBe(0);
    }

    [Theory]
    [InlineData("\"source\": \"SOURCE_TOO_LONG\"", "source")]
    [InlineData("\"kpi_entries\": [{\"seller_id\": \"SELLER\", \"ca_journalier\": 1, \"nb_ventes\": 1, \"nb_articles\": 1, \"timestamp\": \"yesterday\"}]", null)]
    public async Task A_bad_source_or_timestamp_is_400_and_writes_nothing(string fragment, string? field)
    {
        var chain = await ChainAsync(1);
        var entries = $$"""[{"seller_id": "{{chain.Sellers[0]}}", "ca_journalier": 1, "nb_ventes": 1, "nb_articles": 1}]""";
        fragment = fragment.Replace("SOURCE_TOO_LONG", new string('s', 101)).Replace("SELLER", chain.Sellers[0].ToString());
        var json = fragment.StartsWith("\"kpi_entries\"")
            ? $$"""{"store_id": "{{chain.Store}}", "date": "2025-11-26", {{fragment}}}"""
            : $$"""{"store_id": "{{chain.Store}}", "date": "2025-11-26", "kpi_entries": {{entries}}, {{fragment}}}""";
        var body = await (await chain.Kpi.PostRaw("/api/v1/integrations/kpi/sync", json)).ShouldBe(HttpStatusCode.BadRequest);
        if (field is not null) body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.GetRawText());
        (await Rows(chain)).ShouldBe(0);
    }

    [Fact]
    public async Task Tomorrow_is_accepted_for_stores_ahead_of_utc()
    {
        var chain = await ChainAsync(1);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = chain.Store, date = tomorrow, kpi_entries = new[] { Entry(chain.Sellers[0]) } }))
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task More_than_100_entries_none_or_a_seller_twice_is_400_and_writes_nothing()
    {
        var chain = await ChainAsync(1);
        var tooMany = Enumerable.Range(0, 101).Select(_ => Entry(Guid.NewGuid())).ToArray();
        var body = await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = chain.Store, date = "2025-11-26", kpi_entries = tooMany }))
            .ShouldBe(HttpStatusCode.BadRequest);
        body.Str("detail").ShouldContain("at most 100");
        await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = chain.Store, date = "2025-11-26", kpi_entries = Array.Empty<object>() }))
            .ShouldBe(HttpStatusCode.BadRequest);
        await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = chain.Store, date = "2025-11-26" })).ShouldBe(HttpStatusCode.BadRequest);
        var twice = await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = chain.Store, date = "2025-11-26", kpi_entries = new[] { Entry(chain.Sellers[0], 1), Entry(chain.Sellers[0], 2) },
        })).ShouldBe(HttpStatusCode.BadRequest);
        twice.Str("detail").ShouldContain("twice");
        await (await chain.Kpi.PostRaw("/api/v1/integrations/kpi/sync", $$"""{"store_id": "{{chain.Store}}", "date": "2025-11-26", "kpi_entries": [{"seller_id": "{{chain.Sellers[0]}}", "ca_journalier": 1, "nb_ventes": "douze", "nb_articles": 1}]}"""))
            .ShouldBe(HttpStatusCode.BadRequest);
        (await Rows(chain)).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_or_foreign_store_is_404_naming_it()
    {
        var other = await TestTenant.CreateAsync(api);
        var foreign = await other.CreateStoreAsync(await other.AllPowerfulAsync());
        var chain = await ChainAsync(1);

        (await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = foreign, date = "2025-11-26", kpi_entries = new[] { Entry(chain.Sellers[0]) } }))
            .ShouldBe(HttpStatusCode.NotFound)).Str("detail").ShouldContain(foreign.ToString());
        (await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = "store-123", date = "2025-11-26", kpi_entries = new[] { Entry(chain.Sellers[0]) } }))
            .ShouldBe(HttpStatusCode.NotFound)).Str("detail").ShouldContain("store-123");
        (await Rows(chain)).ShouldBe(0);
    }

    [Fact]
    public async Task Sellers_who_are_not_in_that_store_are_404_naming_them_and_nothing_is_written()
    {
        var chain = await ChainAsync(1);
        var otherStore = await chain.Tenant.CreateStoreAsync(chain.Admin);
        var elsewhere = await chain.Tenant.CreateSellerAsync(chain.Admin, otherStore);
        var other = await TestTenant.CreateAsync(api);
        var otherAdmin = await other.AllPowerfulAsync();
        var foreignSeller = await other.CreateSellerAsync(otherAdmin, await other.CreateStoreAsync(otherAdmin));

        var body = await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = chain.Store, date = "2025-11-26",
            kpi_entries = new object[] { Entry(chain.Sellers[0]), Entry(elsewhere), Entry(foreignSeller), new { seller_id = "seller-456", ca_journalier = 1, nb_ventes = 1, nb_articles = 1 } },
        })).ShouldBe(HttpStatusCode.NotFound);

        var detail = body.Str("detail");
        detail.ShouldContain(elsewhere.ToString());
        detail.ShouldContain(foreignSeller.ToString());
        detail.ShouldContain("seller-456");
        detail.ShouldNotContain(chain.Sellers[0].ToString());
        (await Rows(chain)).ShouldBe(0);
    }

    [Fact]
    public async Task Scope_and_store_restrictions_are_enforced_before_anything_is_written()
    {
        var chain = await ChainAsync(1);
        var otherStore = await chain.Tenant.CreateStoreAsync(chain.Admin);
        var batch = new { store_id = chain.Store, date = "2025-11-26", kpi_entries = new[] { Entry(chain.Sellers[0]) } };

        var readOnly = chain.Tenant.WithKey((await chain.Tenant.CreateKeyAsync("read:stats", "stores:read")).Secret);
        await (await readOnly.PostJson("/api/v1/integrations/kpi/sync", batch)).ShouldBeProblem(HttpStatusCode.Forbidden, "Insufficient permissions. Requires 'kpi:write'");
        var elsewhere = chain.Tenant.WithKey((await chain.Tenant.CreateKeyAsync(new { name = "caisse", permissions = new[] { "kpi:write" }, store_ids = new[] { otherStore.ToString() } })).Secret);
        await (await elsewhere.PostJson("/api/v1/integrations/kpi/sync", batch)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemMessages.StoreNotInKeyList);
        await (await api.Client().PostJson("/api/v1/integrations/kpi/sync", batch)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Rows(chain)).ShouldBe(0);

        var here = chain.Tenant.WithKey((await chain.Tenant.CreateKeyAsync(new { name = "caisse", permissions = new[] { "kpi:write" }, store_ids = new[] { chain.Store.ToString() } })).Secret);
        await (await here.PostJson("/api/v1/integrations/kpi/sync", batch)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_syncs_of_the_same_seller_and_day_never_create_two_rows_and_keep_exact_totals()
    {
        var chain = await ChainAsync(3);
        var attempts = Enumerable.Range(0, 12).Select(i => chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = chain.Store, date = "2025-06-01",
            kpi_entries = new[] { Entry(chain.Sellers[i % 3], 100m, 1, 1, 1), Entry(chain.Sellers[(i + 1) % 3], 100m, 1, 1, 1) },
        }));
        foreach (var response in await Task.WhenAll(attempts)) await response.ShouldBe(HttpStatusCode.OK);

        (await Rows(chain)).ShouldBe(3);
        (await api.Scalar<decimal>("SELECT ca FROM kpi.store_daily_totals WHERE store_id = $1 AND date = '2025-06-01'", chain.Store)).ShouldBe(300m);
        (await api.Scalar<long>("SELECT ventes FROM kpi.store_daily_totals WHERE store_id = $1 AND date = '2025-06-01'", chain.Store)).ShouldBe(3);
    }

    [Fact]
    public async Task A_batch_of_exactly_100_entries_is_accepted()
    {
        var chain = await ChainAsync(100);
        var body = await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = chain.Store, date = "2025-11-26", kpi_entries = chain.Sellers.Select(s => Entry(s)).ToArray(),
        })).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("entries_created").GetInt32().ShouldBe(100);
    }
}
