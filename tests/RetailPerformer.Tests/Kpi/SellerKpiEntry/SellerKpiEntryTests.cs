using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Kpi.SellerKpiEntry;

public sealed class SellerKpiEntryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_seller_records_their_own_day_and_writes_the_same_row_as_kpi_sync()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        var (sellerId, token) = await tenant.SignedInPersonAsync(admin, store, "seller");
        var seller = TestTenant.WithBearer(api, token);

        var body = await (await seller.PostJson("/api/seller/kpi-entry", new { date = "2024-12-08", ca_journalier = 1250.50, nb_ventes = 12, nb_articles = 28, nb_prospects = 35 }))
            .ShouldBe(HttpStatusCode.OK);
        body.Str("message").ShouldBe("KPI entry created successfully");
        var kpiId = body.Id("kpi_id");

        var synced = await (await admin.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = store, date = "2024-12-08", kpi_entries = new[] { new { seller_id = sellerId, ca_journalier = 1300, nb_ventes = 13, nb_articles = 29 } },
        })).ShouldBe(HttpStatusCode.OK);
        synced.GetProperty("entries_updated").GetInt32().ShouldBe(1);
        synced.GetProperty("entries")[0].Id("kpi_id").ShouldBe(kpiId);
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE seller_id = $1", sellerId)).ShouldBe(1);
        (await api.Scalar<string>("SELECT source FROM kpi.entries WHERE seller_id = $1", sellerId)).ShouldBe("external_api");
    }

    [Fact]
    public async Task A_seller_entry_with_bad_values_is_400_and_other_roles_are_refused()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        var (sellerId, token) = await tenant.SignedInPersonAsync(admin, store, "seller");
        var seller = TestTenant.WithBearer(api, token);

        await (await seller.PostJson("/api/seller/kpi-entry", new { date = "2024-12-08", ca_journalier = -1, nb_ventes = 1, nb_articles = 1 })).ShouldBe(HttpStatusCode.BadRequest);
        await (await seller.PostJson("/api/seller/kpi-entry", new { date = "08/12/2024", ca_journalier = 1, nb_ventes = 1, nb_articles = 1 })).ShouldBe(HttpStatusCode.BadRequest);
        await (await seller.PostJson("/api/seller/kpi-entry", new { date = "2024-12-08", ca_journalier = 1, nb_articles = 1 })).ShouldBe(HttpStatusCode.BadRequest);
        await (await seller.PostJson("/api/seller/kpi-entry", new { date = "2024-12-08", ca_journalier = 1, nb_ventes = 1, nb_articles = 1, nb_prospects = -1 })).ShouldBe(HttpStatusCode.BadRequest);
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE seller_id = $1", sellerId)).ShouldBe(0);

        await (await tenant.Gerant().PostJson("/api/seller/kpi-entry", new { date = "2024-12-08", ca_journalier = 1, nb_ventes = 1, nb_articles = 1 }))
            .ShouldBe(HttpStatusCode.Forbidden);
        await (await api.Client().PostJson("/api/seller/kpi-entry", new { date = "2024-12-08", ca_journalier = 1, nb_ventes = 1, nb_articles = 1 }))
            .ShouldBe(HttpStatusCode.Unauthorized);
        await (await seller.PostJson("/api/manager/store-kpi", new { seller_id = sellerId, date = "2024-12-08", ca_journalier = 1, nb_ventes = 1, nb_articles = 1 }))
            .ShouldBe(HttpStatusCode.Forbidden);
    }
}
