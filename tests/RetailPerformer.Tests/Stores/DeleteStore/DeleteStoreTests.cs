using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Stores.DeleteStore;

public sealed class DeleteStoreTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Deleting_a_store_deactivates_it_suspends_its_staff_keeps_history_and_twice_is_400()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var otherStore = await tenant.CreateStoreAsync(client);
        var manager = await tenant.CreateManagerAsync(client, store);
        var seller = await tenant.CreateSellerAsync(client, store, manager);
        var deletedSeller = await tenant.CreateSellerAsync(client, store, manager);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{deletedSeller}")).ShouldBe(HttpStatusCode.OK);
        var elsewhere = await tenant.CreateSellerAsync(client, otherStore);

        var deleted = await (await client.DeleteAsync($"/api/integrations/stores/{store}")).ShouldBe(HttpStatusCode.OK);
        deleted.GetProperty("success").GetBoolean().ShouldBeTrue();
        deleted.Str("message").ShouldBe("Magasin supprimé avec succès");

        var fetched = await (await client.GetAsync($"/api/v1/integrations/stores/{store}")).ShouldBe(HttpStatusCode.OK);
        fetched.GetProperty("active").GetBoolean().ShouldBeFalse();
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", manager)).ShouldBe("suspended");
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", seller)).ShouldBe("suspended");
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", deletedSeller)).ShouldBe("deleted");
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", elsewhere)).ShouldBe("active");

        await (await client.DeleteAsync($"/api/integrations/stores/{store}")).ShouldBeProblem(HttpStatusCode.BadRequest, "Store already deleted");
        // People cannot be added to a deleted store; its name can be used again.
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail() }))
            .ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task People_created_while_their_store_is_deleted_are_none_left_active()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        for (var i = 0; i < 5; i++)
        {
            var store = await tenant.CreateStoreAsync(client);
            var creations = Enumerable.Range(0, 8).Select(_ => client.PostJson($"/api/v1/integrations/stores/{store}/sellers",
                new { name = "Seller", email = TestTenant.UniqueEmail("seller"), send_invitation = false })).ToList();
            var deletion = client.DeleteAsync($"/api/v1/integrations/stores/{store}");
            var created = await Task.WhenAll(creations);
            await (await deletion).ShouldBe(HttpStatusCode.OK);

            // Each creation either came first (and was suspended with the store) or came after and was refused.
            created.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.BadRequest);
            (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE store_id = $1 AND status = 'active'", store)).ShouldBe(0, $"try {i}");
            (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE store_id = $1", store))
                .ShouldBe(created.Count(r => r.StatusCode == HttpStatusCode.Created));
        }
    }
}

