using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Users.People;

/// <summary>What two callers can do to one person or one store at once ends in one outcome.</summary>
public sealed class PeopleRaceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Delete_racing_a_reactivation_ends_deleted_every_time()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        for (var i = 0; i < 15; i++)
        {
            var seller = await tenant.CreateSellerAsync(client, store);
            await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);

            var delete = client.DeleteAsync($"/api/v1/integrations/users/{seller}");
            var reactivate = client.PutJson($"/api/v1/integrations/users/{seller}", new { status = "active" });
            var answers = await Task.WhenAll(delete, reactivate);

            answers[0].StatusCode.ShouldBe(HttpStatusCode.OK);
            answers[1].StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
            (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", seller)).ShouldBe("deleted", $"try {i}");
        }
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

    [Fact]
    public async Task Reactivating_a_person_of_a_deleted_store_is_400_and_changes_nothing()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var seller = await tenant.CreateSellerAsync(client, store);
        await (await client.DeleteAsync($"/api/v1/integrations/stores/{store}")).ShouldBe(HttpStatusCode.OK);

        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { status = "active" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "This person's store is deleted: they cannot be reactivated");
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", seller)).ShouldBe("suspended");
        // Other fields can still be corrected.
        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { phone = "+33 1 00 00 00 00" })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Suspension_ends_a_persons_sessions_for_good_reactivation_does_not_revive_them()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var (seller, token) = await tenant.SignedInPersonAsync(client, store, "seller");
        await (await TestTenant.WithBearer(api, token).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);

        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);
        await (await TestTenant.WithBearer(api, token).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { status = "active" })).ShouldBe(HttpStatusCode.OK);

        await (await TestTenant.WithBearer(api, token).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        var email = await api.Scalar<string>("SELECT email FROM users.users WHERE id = $1", seller);
        var fresh = await TestTenant.SignInAsync(api, email!, TestTenant.Password);
        await (await TestTenant.WithBearer(api, fresh).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_a_person_or_their_store_ends_their_sessions()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var (seller, sellerToken) = await tenant.SignedInPersonAsync(client, store, "seller");
        var (_, managerToken) = await tenant.SignedInPersonAsync(client, store, "manager");

        await (await client.DeleteAsync($"/api/v1/integrations/users/{seller}")).ShouldBe(HttpStatusCode.OK);
        await (await TestTenant.WithBearer(api, sellerToken).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        (await api.Scalar<DateTime?>("SELECT deleted_at FROM users.users WHERE id = $1", seller)).ShouldNotBeNull();

        await (await client.DeleteAsync($"/api/v1/integrations/stores/{store}")).ShouldBe(HttpStatusCode.OK);
        await (await TestTenant.WithBearer(api, managerToken).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
