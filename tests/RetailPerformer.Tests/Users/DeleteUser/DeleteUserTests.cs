using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Users.Data;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.DeleteUser;

public sealed class DeleteUserTests(ApiFactory api) : IClassFixture<ApiFactory>
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

    [Fact]
    public async Task Delete_is_soft_answers_by_role_refuses_a_gerant_and_twice_is_400()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var manager = await tenant.CreateManagerAsync(client, store);
        var seller = await tenant.CreateSellerAsync(client, store, manager);

        var m = await (await client.DeleteAsync($"/api/integrations/users/{manager}")).ShouldBe(HttpStatusCode.OK);
        m.Str("message").ShouldBe("Manager supprimé avec succès");
        var s = await (await client.DeleteAsync($"/api/integrations/users/{seller}")).ShouldBe(HttpStatusCode.OK);
        s.Str("message").ShouldBe("Seller supprimé avec succès");
        (await (await client.GetAsync($"/api/v1/integrations/users/{seller}")).ShouldBe(HttpStatusCode.OK)).Str("status").ShouldBe("deleted");

        await (await client.DeleteAsync($"/api/integrations/users/{seller}")).ShouldBeProblem(HttpStatusCode.BadRequest, UserMessages.UserAlreadyDeleted);
        await (await client.PutJson($"/api/integrations/users/{seller}", new { status = "active" })).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.DeleteAsync($"/api/integrations/users/{tenant.GerantId}")).ShouldBeProblem(HttpStatusCode.Forbidden, UserMessages.GerantCannotBeDeleted);
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", tenant.GerantId)).ShouldBe("active");
    }
}

