using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Kpi.SyncKpi;

/// <summary>
/// kpi/sync naming its store and sellers by the integration's own ids (issue 17, item 8): <c>store_external_id</c> and
/// <c>seller_external_id</c>, resolved in the tenant; unknown → 404 naming them, ambiguous (only deleted ones share it) → 400.
/// </summary>
public sealed class SyncKpiExternalIdTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private sealed record Chain(TestTenant Tenant, HttpClient Admin, HttpClient Kpi, Guid Store, string StoreCode, Guid[] Sellers, string[] SellerCodes);

    private async Task<Chain> ChainAsync()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var code = "STORE_" + Guid.NewGuid().ToString("N")[..8];
        var store = (await (await admin.PostJson("/api/v1/integrations/stores", new { name = "Skyco " + code, location = "13001 Marseille", external_id = code }))
            .ShouldBe(HttpStatusCode.Created)).Id("store_id");
        var sellerCodes = new[] { "SELLER_A_" + code, "SELLER_B_" + code };
        var sellers = new List<Guid>();
        foreach (var sellerCode in sellerCodes)
            sellers.Add((await (await admin.PostJson($"/api/v1/integrations/stores/{store}/sellers",
                new { name = "Seller " + sellerCode, email = TestTenant.UniqueEmail("seller"), external_id = sellerCode, send_invitation = false }))
                .ShouldBe(HttpStatusCode.Created)).Id("seller_id"));
        return new Chain(tenant, admin, tenant.WithKey((await tenant.CreateKeyAsync("kpi:write")).Secret), store, code, [.. sellers], sellerCodes);
    }

    private static object Entry(string sellerCode, decimal ca = 1500m) =>
        new { seller_external_id = sellerCode, ca_journalier = ca, nb_ventes = 12, nb_articles = 24, prospects = 5 };

    private Task<long> Rows(Chain chain) => api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE tenant_id = $1", chain.Tenant.TenantId);

    [Fact]
    public async Task A_batch_names_its_store_and_sellers_by_their_external_ids_alone_or_mixed_with_ours()
    {
        var chain = await ChainAsync();
        var batch = new { store_external_id = chain.StoreCode, date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]), Entry(chain.SellerCodes[1], 2300m) } };

        var synced = await (await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", batch)).ShouldBe(HttpStatusCode.OK);
        synced.Id("store_id").ShouldBe(chain.Store);
        synced.GetProperty("entries_created").GetInt32().ShouldBe(2);
        synced.GetProperty("entries").EnumerateArray().Select(e => e.Id("seller_id")).ShouldBe(chain.Sellers, ignoreOrder: true);
        (await api.Scalar<decimal>("SELECT ca_journalier FROM kpi.entries WHERE seller_id = $1", chain.Sellers[1])).ShouldBe(2300m);

        // Our store id with their seller ids, and one seller by our id: the same rows, updated.
        var mixed = new
        {
            store_id = chain.Store, date = "2025-11-26",
            kpi_entries = new object[]
            {
                Entry(chain.SellerCodes[0], 1600m),
                new { seller_id = chain.Sellers[1], ca_journalier = 2400m, nb_ventes = 12, nb_articles = 24 },
            },
        };
        var updated = await (await chain.Kpi.PostJson("/api/integrations/kpi/sync", mixed)).ShouldBe(HttpStatusCode.OK);
        updated.GetProperty("entries_updated").GetInt32().ShouldBe(2);
        (await Rows(chain)).ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_external_ids_are_404_naming_them_and_write_nothing()
    {
        var chain = await ChainAsync();
        var unknownStore = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_external_id = "NO_SUCH_STORE", date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]) } });
        (await unknownStore.ShouldBe(HttpStatusCode.NotFound)).Str("detail").ShouldBe("Store not found: external_id NO_SUCH_STORE");

        var unknownSeller = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_external_id = chain.StoreCode, date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]), Entry("NO_SUCH_SELLER") } });
        (await unknownSeller.ShouldBe(HttpStatusCode.NotFound)).Str("detail").ShouldBe($"Sellers not found in store {chain.Store}: external_id NO_SUCH_SELLER");

        // Another tenant's codes name nothing here.
        var other = await ChainAsync();
        var foreign = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_external_id = other.StoreCode, date = "2025-11-26", kpi_entries = new[] { Entry(other.SellerCodes[0]) } });
        await foreign.ShouldBe(HttpStatusCode.NotFound);
        var foreignSeller = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_external_id = chain.StoreCode, date = "2025-11-26", kpi_entries = new[] { Entry(other.SellerCodes[0]) } });
        await foreignSeller.ShouldBe(HttpStatusCode.NotFound);
        (await Rows(chain)).ShouldBe(0);
        (await Rows(other)).ShouldBe(0);
    }

    [Fact]
    public async Task Exactly_one_of_each_pair_is_required_and_a_seller_named_both_ways_is_twice()
    {
        var chain = await ChainAsync();
        var neither = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]) } });
        (await neither.ShouldBe(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("store_id", out _).ShouldBeTrue();
        var both = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_id = chain.Store, store_external_id = chain.StoreCode, date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]) } });
        await both.ShouldBe(HttpStatusCode.BadRequest);
        var sellerNeither = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_id = chain.Store, date = "2025-11-26", kpi_entries = new[] { new { ca_journalier = 1m, nb_ventes = 1, nb_articles = 1 } } });
        (await sellerNeither.ShouldBe(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("kpi_entries[0].seller_id", out _).ShouldBeTrue();

        var twice = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = chain.Store, date = "2025-11-26",
            kpi_entries = new object[] { Entry(chain.SellerCodes[0]), new { seller_id = chain.Sellers[0], ca_journalier = 1m, nb_ventes = 1, nb_articles = 1 } },
        });
        (await twice.ShouldBe(HttpStatusCode.BadRequest)).Str("detail").ShouldBe("A seller appears twice in 'kpi_entries'");
        var sameCodeTwice = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_id = chain.Store, date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]), Entry(chain.SellerCodes[0]) } });
        await sameCodeTwice.ShouldBe(HttpStatusCode.BadRequest);
        (await Rows(chain)).ShouldBe(0);
    }

    [Fact]
    public async Task A_code_only_deleted_stores_share_is_ambiguous_and_a_live_store_wins_over_deleted_ones()
    {
        var chain = await ChainAsync();
        // The store closes, one reopens under the same code: the live one is meant.
        await (await chain.Admin.DeleteAsync($"/api/v1/integrations/stores/{chain.Store}")).ShouldBe(HttpStatusCode.OK);
        var reopened = (await (await chain.Admin.PostJson("/api/v1/integrations/stores",
            new { name = "Reopened " + chain.StoreCode, location = "13001 Marseille", external_id = chain.StoreCode })).ShouldBe(HttpStatusCode.Created)).Id("store_id");
        var seller = await chain.Tenant.CreateSellerAsync(chain.Admin, reopened);
        var live = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_external_id = chain.StoreCode, date = "2025-11-26",
            kpi_entries = new[] { new { seller_id = seller, ca_journalier = 1m, nb_ventes = 1, nb_articles = 1 } },
        });
        (await live.ShouldBe(HttpStatusCode.OK)).Id("store_id").ShouldBe(reopened);

        // Both closed: which one is meant cannot be told.
        await (await chain.Admin.DeleteAsync($"/api/v1/integrations/stores/{reopened}")).ShouldBe(HttpStatusCode.OK);
        var ambiguous = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync",
            new { store_external_id = chain.StoreCode, date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]) } });
        (await ambiguous.ShouldBe(HttpStatusCode.BadRequest)).Str("detail")
            .ShouldBe($"store_external_id '{chain.StoreCode}' names 2 deleted stores: name the store by store_id");
    }

    [Fact]
    public async Task A_seller_code_only_deleted_sellers_share_is_ambiguous()
    {
        var chain = await ChainAsync();
        var code = chain.SellerCodes[0];
        await (await chain.Admin.DeleteAsync($"/api/v1/integrations/users/{chain.Sellers[0]}")).ShouldBe(HttpStatusCode.OK);
        var rehired = (await (await chain.Admin.PostJson($"/api/v1/integrations/stores/{chain.Store}/sellers",
            new { name = "Rehired", email = TestTenant.UniqueEmail("seller"), external_id = code, send_invitation = false })).ShouldBe(HttpStatusCode.Created)).Id("seller_id");
        // The live one is meant.
        var live = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = chain.Store, date = "2025-11-26", kpi_entries = new[] { Entry(code) } });
        (await live.ShouldBe(HttpStatusCode.OK)).GetProperty("entries")[0].Id("seller_id").ShouldBe(rehired);

        await (await chain.Admin.DeleteAsync($"/api/v1/integrations/users/{rehired}")).ShouldBe(HttpStatusCode.OK);
        var ambiguous = await chain.Kpi.PostJson("/api/v1/integrations/kpi/sync", new { store_id = chain.Store, date = "2025-11-26", kpi_entries = new[] { Entry(code) } });
        (await ambiguous.ShouldBe(HttpStatusCode.BadRequest)).Str("detail").ShouldBe($"seller_external_id '{code}' names 2 deleted sellers: name the seller by seller_id");
    }

    [Fact]
    public async Task A_restricted_key_reaches_by_external_id_only_the_stores_it_lists()
    {
        var chain = await ChainAsync();
        var otherStore = await chain.Tenant.CreateStoreAsync(chain.Admin);
        var restricted = chain.Tenant.WithKey((await chain.Tenant.CreateKeyAsync(new { name = "Only other", permissions = new[] { "kpi:write" }, store_ids = new[] { otherStore } })).Secret);
        var refused = await restricted.PostJson("/api/v1/integrations/kpi/sync",
            new { store_external_id = chain.StoreCode, date = "2025-11-26", kpi_entries = new[] { Entry(chain.SellerCodes[0]) } });
        (await refused.ShouldBe(HttpStatusCode.Forbidden)).Str("detail").ShouldBe("API key does not have access to this store (not in store_ids list)");
        (await Rows(chain)).ShouldBe(0);
    }
}
