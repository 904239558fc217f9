using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Kpi.Data;

/// <summary>A deleted store or seller takes KPI for days up to its deletion, none after, through every door.</summary>
public sealed class KpiAfterDeletionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static string Day(int daysFromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd");

    private static object Batch(Guid store, string date, params Guid[] sellers) => new
    {
        store_id = store, date,
        kpi_entries = sellers.Select(s => new { seller_id = s, ca_journalier = 100.0, nb_ventes = 2, nb_articles = 3 }).ToArray(),
    };

    [Fact]
    public async Task A_deleted_store_accepts_days_up_to_its_deletion_and_refuses_later_ones_writing_nothing()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var seller = await tenant.CreateSellerAsync(client, store);
        await (await client.DeleteAsync($"/api/v1/integrations/stores/{store}")).ShouldBe(HttpStatusCode.OK);
        // As if it had been deleted three days ago (seeded: only the date matters here).
        await api.Execute("UPDATE stores.stores SET deleted_at = now() - interval '3 days' WHERE id = $1", store);

        // The last evening's export of the deletion day, and a day before, still land; the suspended seller's too.
        await (await client.PostJson("/api/v1/integrations/kpi/sync", Batch(store, Day(-3), seller))).ShouldBe(HttpStatusCode.OK);
        await (await client.PostJson("/api/v1/integrations/kpi/sync", Batch(store, Day(-5), seller))).ShouldBe(HttpStatusCode.OK);

        var refused = await (await client.PostJson("/api/integrations/kpi/sync", Batch(store, Day(-2), seller))).ShouldBe(HttpStatusCode.BadRequest);
        refused.Str("detail").ShouldBe($"Store {store} was deleted on {Day(-3)}: it accepts KPI for days up to then only");
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE store_id = $1 AND date > $2", store, DateOnly.Parse(Day(-3)))).ShouldBe(0);
    }

    [Fact]
    public async Task A_deleted_seller_takes_no_day_after_the_deletion_on_sync_and_manager_entry_a_suspended_one_does()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var (_, managerToken) = await tenant.SignedInPersonAsync(client, store, "manager");
        var deleted = await tenant.CreateSellerAsync(client, store);
        var suspended = await tenant.CreateSellerAsync(client, store);
        var active = await tenant.CreateSellerAsync(client, store);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{deleted}")).ShouldBe(HttpStatusCode.OK);
        await api.Execute("UPDATE users.users SET deleted_at = now() - interval '3 days' WHERE id = $1", deleted);
        await (await client.PutJson($"/api/v1/integrations/users/{suspended}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);

        await (await client.PostJson("/api/v1/integrations/kpi/sync", Batch(store, Day(-3), deleted, suspended, active))).ShouldBe(HttpStatusCode.OK);
        var refused = await (await client.PostJson("/api/v1/integrations/kpi/sync", Batch(store, Day(-1), active, deleted, suspended)))
            .ShouldBe(HttpStatusCode.BadRequest);
        refused.Str("detail").ShouldBe(
            $"Sellers deleted before {Day(-1)}, whose KPI is accepted for days up to their deletion only: {deleted} (deleted on {Day(-3)})");
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE store_id = $1 AND date = $2", store, DateOnly.Parse(Day(-1)))).ShouldBe(0);

        var manager = TestTenant.WithBearer(api, managerToken);
        object Entry(Guid seller, string date) => new { seller_id = seller, date, ca_journalier = 10.0, nb_ventes = 1, nb_articles = 1 };
        var byManager = await (await manager.PostJson("/api/manager/store-kpi", Entry(deleted, Day(-1)))).ShouldBe(HttpStatusCode.BadRequest);
        byManager.Str("detail").ShouldBe(refused.Str("detail"));
        await (await manager.PostJson("/api/manager/store-kpi", Entry(deleted, Day(-4)))).ShouldBe(HttpStatusCode.OK);
        await (await manager.PostJson("/api/manager/store-kpi", Entry(suspended, Day(-1)))).ShouldBe(HttpStatusCode.OK);
    }
}
