using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Users.Data;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.UpdateUser;

public sealed class UpdateUserTests(ApiFactory api) : IClassFixture<ApiFactory>
{
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
    public async Task Update_changes_only_whitelisted_fields()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var other = await tenant.CreateStoreAsync(client);
        var email = TestTenant.UniqueEmail();
        var seller = await tenant.CreateSellerAsync(client, store, email: email);

        var body = await (await client.PutJson($"/api/integrations/users/{seller}", new
        {
            name = "Lucas Bernard-Dupont", email = "lucas.dupont@example.com", phone = "+33 6 11 22 33 44", status = "active",
            external_id = "SELLER_MRS_012_NEW", role = "gerant", store_id = other, tenant_id = Guid.NewGuid(), gerant_id = Guid.NewGuid(),
        })).ShouldBe(HttpStatusCode.OK);

        body.GetProperty("success").GetBoolean().ShouldBeTrue();
        body.Id("user_id").ShouldBe(seller);
        var user = body.GetProperty("user");
        user.Str("name").ShouldBe("Lucas Bernard-Dupont");
        user.Str("phone").ShouldBe("+33 6 11 22 33 44");
        user.Str("external_id").ShouldBe("SELLER_MRS_012_NEW");
        user.Str("email").ShouldBe(email);
        user.Str("role").ShouldBe("seller");
        user.Id("store_id").ShouldBe(store);
        (await api.Scalar<Guid>("SELECT tenant_id FROM users.users WHERE id = $1", seller)).ShouldBe(tenant.TenantId);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"email": "new@example.com"}""")]
    [InlineData("""{"role": "gerant", "store_id": "x"}""")]
    public async Task An_update_without_a_whitelisted_field_is_400_no_fields_to_update(string json)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var seller = await tenant.CreateSellerAsync(client, await tenant.CreateStoreAsync(client));
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/integrations/users/{seller}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        await (await client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.BadRequest, UserMessages.NoFieldsToUpdate);
    }

    [Theory]
    [InlineData("""{"status": "deleted"}""", "status")]
    [InlineData("""{"status": "banned"}""", "status")]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"phone": "000000000000000000000000000000000000000000000000000"}""", "phone")]
    [InlineData("""{"external_id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""", "external_id")]
    public async Task An_update_with_an_invalid_value_is_400_and_changes_nothing(string json, string field)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var seller = await tenant.CreateSellerAsync(client, await tenant.CreateStoreAsync(client));
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/integrations/users/{seller}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        var body = await (await client.SendAsync(request)).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", seller)).ShouldBe("active");
        (await api.Scalar<string>("SELECT name FROM users.users WHERE id = $1", seller)).ShouldBe("Seller Test");
    }

    [Fact]
    public async Task A_restricted_key_cannot_touch_people_outside_its_stores_nor_store_less_people_but_its_own_gerant()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var mine = await tenant.CreateStoreAsync(client);
        var notMine = await tenant.CreateStoreAsync(client);
        var inside = await tenant.CreateSellerAsync(client, mine);
        var outside = await tenant.CreateSellerAsync(client, notMine);
        var restricted = tenant.WithKey((await tenant.CreateKeyAsync(new { name = "r", permissions = new[] { "users:write" }, store_ids = new[] { mine.ToString() } })).Secret);

        await (await restricted.PutJson($"/api/v1/integrations/users/{outside}", new { name = "Hacked" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemMessages.StoreNotInKeyList);
        await (await restricted.DeleteAsync($"/api/v1/integrations/users/{outside}")).ShouldBe(HttpStatusCode.Forbidden);
        (await api.Scalar<string>("SELECT name FROM users.users WHERE id = $1", outside)).ShouldBe("Seller Test");
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", outside)).ShouldBe("active");

        await (await restricted.PutJson($"/api/v1/integrations/users/{inside}", new { name = "Renamed" })).ShouldBe(HttpStatusCode.OK);
        await (await restricted.PutJson($"/api/v1/integrations/users/{tenant.GerantId}", new { phone = "0102030405" })).ShouldBe(HttpStatusCode.OK);
        await (await restricted.PutJson($"/api/v1/integrations/users/{tenant.GerantId}", new { status = "suspended" })).ShouldBe(HttpStatusCode.Forbidden);
    }
}

