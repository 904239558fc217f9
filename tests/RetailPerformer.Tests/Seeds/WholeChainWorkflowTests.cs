using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Seeds;

/// <summary>The v1.2 guide's "Workflow complet" (setupNewStore), step by step, then checked through my-stores.</summary>
public sealed class WholeChainWorkflowTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_erp_builds_a_store_its_manager_and_three_sellers_with_one_key()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("write:stores", "write:users", "read:stats");
        var erp = tenant.WithKey(key.Secret);
        var domain = Guid.NewGuid().ToString("N")[..8] + ".example.com";

        var store = await (await erp.PostJson("/api/v1/integrations/stores", new
        {
            name = "Skyco Bordeaux", location = "33000 Bordeaux", address = "25 Rue Sainte-Catherine, 33000 Bordeaux",
            phone = "+33 5 56 00 00 00", external_id = "STORE_BDX_001",
        })).ShouldBe(HttpStatusCode.Created);
        var storeId = store.Id("store_id");

        var manager = await (await erp.PostJson($"/api/v1/integrations/stores/{storeId}/managers", new
        {
            name = "Marie Dubois", email = $"marie.dubois@{domain}", phone = "+33 6 11 22 33 44", external_id = "MGR_BDX_001", send_invitation = true,
        })).ShouldBe(HttpStatusCode.Created);
        var managerId = manager.Id("manager_id");

        var sellers = new[]
        {
            (name: "Thomas Thomas", email: $"thomas@{domain}", external_id: "SELLER_BDX_001"),
            (name: "Camille Robert", email: $"camille@{domain}", external_id: "SELLER_BDX_002"),
            (name: "Alexandre Petit", email: $"alex@{domain}", external_id: "SELLER_BDX_003"),
        };
        var sellerIds = new List<Guid>();
        foreach (var seller in sellers)
        {
            var created = await (await erp.PostJson($"/api/v1/integrations/stores/{storeId}/sellers", new
            {
                seller.name, seller.email, seller.external_id, manager_id = managerId, send_invitation = true,
            })).ShouldBe(HttpStatusCode.Created);
            created.GetProperty("seller").Id("manager_id").ShouldBe(managerId);
            created.GetProperty("seller").Id("store_id").ShouldBe(storeId);
            sellerIds.Add(created.Id("seller_id"));
        }

        var chain = await (await erp.GetAsync("/api/v1/integrations/my-stores")).ShouldBe(HttpStatusCode.OK);
        chain.GetProperty("total_stores").GetInt32().ShouldBe(1);
        chain.GetProperty("total_managers").GetInt32().ShouldBe(1);
        chain.GetProperty("total_sellers").GetInt32().ShouldBe(3);
        var bordeaux = chain.GetProperty("stores")[0];
        bordeaux.Str("store_name").ShouldBe("Skyco Bordeaux");
        bordeaux.Str("store_address").ShouldBe("25 Rue Sainte-Catherine, 33000 Bordeaux");
        bordeaux.GetProperty("managers")[0].Str("name").ShouldBe("Marie Dubois");
        bordeaux.GetProperty("sellers").EnumerateArray().Select(s => s.Id("id")).ShouldBe(sellerIds, ignoreOrder: true);

        // Every person got an invitation, in the outbox since no SMTP server is configured here.
        (await api.Scalar<long>("SELECT count(*) FROM users.invitations WHERE tenant_id = $1 AND delivery_status = 'outbox'", tenant.TenantId)).ShouldBe(4);
    }
}
