using System.Net;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Kpi.ListSyncHistory;

/// <summary>The sync history (issue 15, item 2): every KPI batch, accepted or refused, with who sent it and what came of it.</summary>
public sealed class ListSyncHistoryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Entry(object seller, int ventes = 3) => new { seller_id = seller, ca_journalier = 120.5, nb_ventes = ventes, nb_articles = 4 };

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient gerant, string query = "") =>
        (await (await gerant.GetAsync($"/api/gerant/kpi/sync-history?limit=100{query}")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("history").EnumerateArray().ToList();

    [Fact]
    public async Task Accepted_and_refused_batches_are_recorded_with_their_store_day_source_sender_counts_status_and_reason()
    {
        var (tenant, admin, store) = await TestTenant.WithStoreAsync(api);
        var other = await tenant.CreateStoreAsync(admin);
        var (s1, s2) = (await tenant.CreateSellerAsync(admin, store), await tenant.CreateSellerAsync(admin, store));
        var key = await tenant.CreateKeyAsync(new { name = "POS", permissions = new[] { "kpi:write" }, store_ids = new[] { store } });
        var pos = tenant.WithKey(key.Secret);
        var unknown = Guid.NewGuid();

        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "2025-11-26", kpi_entries = new[] { Entry(s1), Entry(s2) }, source = "pos_system_v2" }))
            .ShouldBe(HttpStatusCode.OK);                                                                                                          // 2 created
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "2025-11-26", kpi_entries = new[] { Entry(s1, 5) } }))
            .ShouldBe(HttpStatusCode.OK);                                                                                                          // 1 updated
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "2025-11-27", kpi_entries = new[] { Entry(unknown) } }))
            .ShouldBe(HttpStatusCode.NotFound);
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = other, date = "2025-11-27", kpi_entries = new[] { Entry(s1) } }))
            .ShouldBe(HttpStatusCode.Forbidden);
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "27/11/2025", kpi_entries = new[] { Entry(s1, -1) } }))
            .ShouldBe(HttpStatusCode.BadRequest);

        var history = await HistoryAsync(tenant.Gerant());
        history.Count.ShouldBe(5);
        var (invalid, restricted, notFound, updated, created) = (history[0], history[1], history[2], history[3], history[4]);   // newest first
        created.Str("outcome").ShouldBe("accepted");
        created.GetProperty("status").GetInt32().ShouldBe(200);
        created.Id("store_id").ShouldBe(store);
        created.Str("date").ShouldBe("2025-11-26");
        created.Str("source").ShouldBe("pos_system_v2");
        created.Id("key_id").ShouldBe(key.Id);
        created.GetProperty("person_id").ValueKind.ShouldBe(JsonValueKind.Null);
        (created.GetProperty("entries").GetInt32(), created.GetProperty("created").GetInt32(), created.GetProperty("updated").GetInt32()).ShouldBe((2, 2, 0));
        created.GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        created.Str("request_id").ShouldNotBeNullOrEmpty();
        (updated.GetProperty("created").GetInt32(), updated.GetProperty("updated").GetInt32()).ShouldBe((0, 1));
        updated.Str("source").ShouldBe("external_api");

        notFound.Str("outcome").ShouldBe("refused");
        notFound.GetProperty("status").GetInt32().ShouldBe(404);
        notFound.Str("reason").ShouldBe($"Sellers not found in store {store}: {unknown}");
        notFound.Str("date").ShouldBe("2025-11-27");
        (notFound.GetProperty("entries").GetInt32(), notFound.GetProperty("created").GetInt32()).ShouldBe((1, 0));
        restricted.GetProperty("status").GetInt32().ShouldBe(403);
        restricted.Id("store_id").ShouldBe(other);
        restricted.Str("reason").ShouldBe("API key does not have access to this store (not in store_ids list)");
        invalid.GetProperty("status").GetInt32().ShouldBe(400);
        invalid.GetProperty("date").ValueKind.ShouldBe(JsonValueKind.Null);   // not a date: kept as unknown
        invalid.Str("reason").ShouldContain("date");
        invalid.Str("reason").ShouldContain("nb_ventes");
        // A refusal wrote no KPI.
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task A_batch_naming_the_store_by_its_external_id_is_recorded_under_the_store_found_or_as_named()
    {
        var (tenant, admin, _) = await TestTenant.WithStoreAsync(api);
        var store = (await (await admin.PostJson("/api/v1/integrations/stores", new { name = "Skyco Lyon", location = "Lyon", external_id = "LYON-01" })).ShouldBe(HttpStatusCode.Created)).Id("store_id");
        var seller = await tenant.CreateSellerAsync(admin, store);
        var pos = tenant.WithKey((await tenant.CreateKeyAsync("kpi:write")).Secret);
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_external_id = "LYON-01", date = "2025-11-26", kpi_entries = new[] { Entry(Guid.NewGuid()) } }))
            .ShouldBe(HttpStatusCode.NotFound);
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_external_id = "PARIS-09", date = "2025-11-26", kpi_entries = new[] { Entry(seller) } }))
            .ShouldBe(HttpStatusCode.NotFound);

        var history = await HistoryAsync(tenant.Gerant());
        history[1].Id("store_id").ShouldBe(store);                      // resolved, then refused for its seller
        history[1].GetProperty("store_ref").ValueKind.ShouldBe(JsonValueKind.Null);
        history[0].GetProperty("store_id").ValueKind.ShouldBe(JsonValueKind.Null);
        history[0].Str("store_ref").ShouldBe("PARIS-09");
        history[0].Str("reason").ShouldBe("Store not found: external_id PARIS-09");
    }

    [Fact]
    public async Task Web_entries_of_sellers_and_managers_are_recorded_with_the_person()
    {
        var (tenant, admin, store) = await TestTenant.WithStoreAsync(api);
        var (sellerId, sellerToken) = await tenant.SignedInPersonAsync(admin, store, "seller");
        var (managerId, managerToken) = await tenant.SignedInPersonAsync(admin, store, "manager");
        await (await TestTenant.WithBearer(api, sellerToken).PostJson("/api/seller/kpi-entry", new { date = "2025-11-26", ca_journalier = 10, nb_ventes = 1, nb_articles = 1 }))
            .ShouldBe(HttpStatusCode.OK);
        await (await TestTenant.WithBearer(api, managerToken).PostJson("/api/manager/store-kpi", new { seller_id = sellerId, date = "2025-11-26", ca_journalier = 12, nb_ventes = 1, nb_articles = 1 }))
            .ShouldBe(HttpStatusCode.OK);
        await (await TestTenant.WithBearer(api, sellerToken).PostJson("/api/seller/kpi-entry", new { date = "2025-11-27", ca_journalier = -3, nb_ventes = 1, nb_articles = 1 }))
            .ShouldBe(HttpStatusCode.BadRequest);

        var history = await HistoryAsync(tenant.Gerant());
        history.Select(h => (h.Str("source"), h.Id("person_id"), h.Str("outcome"))).ShouldBe([
            ("seller_app", sellerId, "refused"), ("manager_app", managerId, "accepted"), ("seller_app", sellerId, "accepted")]);
        history.ShouldAllBe(h => h.GetProperty("key_id").ValueKind == JsonValueKind.Null);
        history[0].Id("store_id").ShouldBe(store);
        (history[1].GetProperty("created").GetInt32(), history[1].GetProperty("updated").GetInt32()).ShouldBe((0, 1));
    }

    [Fact]
    public async Task Filters_and_paging_apply_another_tenants_store_is_404_and_another_tenant_sees_nothing()
    {
        var (tenant, admin, store) = await TestTenant.WithStoreAsync(api);
        var second = await tenant.CreateStoreAsync(admin);
        var (s1, s2) = (await tenant.CreateSellerAsync(admin, store), await tenant.CreateSellerAsync(admin, second));
        var pos = tenant.WithKey((await tenant.CreateKeyAsync("kpi:write")).Secret);
        foreach (var day in new[] { "2025-11-24", "2025-11-25", "2025-11-26" })
        {
            await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = day, kpi_entries = new[] { Entry(s1) }, source = "caisse" })).ShouldBe(HttpStatusCode.OK);
            await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = second, date = day, kpi_entries = new[] { Entry(s2) }, source = "erp" })).ShouldBe(HttpStatusCode.OK);
        }
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", new { store_id = second, date = "2025-11-26", kpi_entries = new[] { Entry(s1) }, source = "erp" })).ShouldBe(HttpStatusCode.NotFound);
        var gerant = tenant.Gerant();

        (await HistoryAsync(gerant, $"&store_id={store}")).Count.ShouldBe(3);
        (await HistoryAsync(gerant, $"&store_id={second}&outcome=refused")).Single().GetProperty("status").GetInt32().ShouldBe(404);
        (await HistoryAsync(gerant, "&outcome=accepted&date=2025-11-26")).Count.ShouldBe(2);
        (await HistoryAsync(gerant, "&source=erp")).Count.ShouldBe(4);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        (await HistoryAsync(gerant, $"&start_date={today}&end_date={today}")).Count.ShouldBe(7);
        (await HistoryAsync(gerant, "&start_date=2020-01-01&end_date=2020-01-31")).ShouldBeEmpty();
        var page = await (await gerant.GetAsync("/api/gerant/kpi/sync-history?limit=3&page=3")).ShouldBe(HttpStatusCode.OK);
        page.GetProperty("history").GetArrayLength().ShouldBe(1);
        page.GetProperty("meta").GetProperty("total").GetInt64().ShouldBe(7);
        page.GetProperty("meta").GetProperty("pages").GetInt64().ShouldBe(3);

        (await (await gerant.GetAsync("/api/gerant/kpi/sync-history?outcome=maybe")).ShouldBe(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("outcome")[0].GetString().ShouldBe("'outcome' must be one of: accepted, refused");
        await (await gerant.GetAsync("/api/gerant/kpi/sync-history?date=26-11-2025")).ShouldBe(HttpStatusCode.BadRequest);
        await (await gerant.GetAsync("/api/gerant/kpi/sync-history?start_date=2025-12-01&end_date=2025-11-01")).ShouldBe(HttpStatusCode.BadRequest);
        await (await gerant.GetAsync("/api/gerant/kpi/sync-history?limit=101")).ShouldBe(HttpStatusCode.BadRequest);

        var stranger = await TestTenant.CreateAsync(api);
        (await HistoryAsync(stranger.Gerant())).ShouldBeEmpty();
        (await (await stranger.Gerant().GetAsync($"/api/gerant/kpi/sync-history?store_id={store}")).ShouldBe(HttpStatusCode.NotFound)).Str("detail").ShouldBe("Store not found");
        // A key cannot read it: it is the gérant's.
        await (await pos.GetAsync("/api/gerant/kpi/sync-history")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
