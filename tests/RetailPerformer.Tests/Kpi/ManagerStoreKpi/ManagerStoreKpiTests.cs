using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Kpi.ManagerStoreKpi;

public sealed class ManagerStoreKpiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_manager_records_a_day_for_a_seller_of_their_store_only()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        var otherStore = await tenant.CreateStoreAsync(admin);
        var (_, token) = await tenant.SignedInPersonAsync(admin, store, "manager");
        var manager = TestTenant.WithBearer(api, token);
        var mine = await tenant.CreateSellerAsync(admin, store);
        var notMine = await tenant.CreateSellerAsync(admin, otherStore);
        var other = await TestTenant.CreateAsync(api);
        var otherAdmin = await other.AllPowerfulAsync();
        var foreign = await other.CreateSellerAsync(otherAdmin, await other.CreateStoreAsync(otherAdmin));

        var body = await (await manager.PostJson("/api/manager/store-kpi", new { seller_id = mine, date = "2024-12-08", ca_journalier = 1250.50, nb_ventes = 12, nb_articles = 28, nb_prospects = 35 }))
            .ShouldBe(HttpStatusCode.OK);
        body.Str("message").ShouldBe("KPI created successfully");
        (await api.Scalar<int>("SELECT prospects FROM kpi.entries WHERE id = $1", body.Id("kpi_id"))).ShouldBe(35);

        foreach (var seller in new object[] { notMine, foreign, "uuid-du-vendeur" })
            await (await manager.PostJson("/api/manager/store-kpi", new { seller_id = seller, date = "2024-12-08", ca_journalier = 1, nb_ventes = 1, nb_articles = 1 }))
                .ShouldBe(HttpStatusCode.NotFound);
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE seller_id = ANY($1)", new[] { notMine, foreign })).ShouldBe(0);
    }
}
