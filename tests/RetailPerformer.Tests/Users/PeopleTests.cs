using System.Net;
using System.Text.Json;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using RetailPerformer.Users.Data;

namespace RetailPerformer.Tests.Users;

public sealed class PeopleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_manager_is_created_in_the_store_of_the_path_whatever_the_body_says()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var decoy = await tenant.CreateStoreAsync(client);
        var email = TestTenant.UniqueEmail("sophie.martin");

        var response = await client.PostJson($"/api/v1/integrations/stores/{store}/managers", new
        {
            name = "Sophie Martin", email, phone = "+33 6 12 34 56 78", external_id = "MGR_MRS_001", send_invitation = false, store_id = decoy,
        });
        var body = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/integrations/users/{body.Id("manager_id")}");
        var manager = body.GetProperty("manager");
        manager.Id("id").ShouldBe(body.Id("manager_id"));
        manager.Str("name").ShouldBe("Sophie Martin");
        manager.Str("email").ShouldBe(email);
        manager.Str("phone").ShouldBe("+33 6 12 34 56 78");
        manager.Id("store_id").ShouldBe(store);
        manager.Str("external_id").ShouldBe("MGR_MRS_001");
        manager.Str("role").ShouldBe("manager");
        manager.Str("status").ShouldBe("active");
        manager.GetProperty("invitation_sent").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task An_email_already_registered_anywhere_is_400_and_writes_nothing()
    {
        var other = await TestTenant.CreateAsync(api);
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);

        await (await client.PostJson($"/api/integrations/stores/{store}/managers", new { name = "Dup", email = other.Email.ToUpperInvariant() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, UserMessages.EmailAlreadyRegistered);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"email": "a@example.test"}""", "name")]
    [InlineData("""{"name": "A"}""", "email")]
    [InlineData("""{"name": "A", "email": "nope"}""", "email")]
    [InlineData("""{"name": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "email": "a@example.test"}""", "name")]
    [InlineData("""{"name": "A", "email": "a@example.test", "send_invitation": "maybe"}""", null)]
    public async Task Invalid_people_are_400_and_write_nothing(string json, string? field)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        foreach (var kind in new[] { "managers", "sellers" })
        {
            var body = await (await client.PostRaw($"/api/v1/integrations/stores/{store}/{kind}", json)).ShouldBe(HttpStatusCode.BadRequest);
            if (field is not null) body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        }
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_or_foreign_stores_are_404_and_a_restricted_key_is_confined_to_its_stores()
    {
        var other = await TestTenant.CreateAsync(api);
        var foreign = await other.CreateStoreAsync(await other.AllPowerfulAsync());
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var mine = await tenant.CreateStoreAsync(client);
        var notMine = await tenant.CreateStoreAsync(client);
        var person = new { name = "X", email = TestTenant.UniqueEmail() };

        await (await client.PostJson($"/api/v1/integrations/stores/{foreign}/managers", person)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.StoreNotFound);
        await (await client.PostJson("/api/v1/integrations/stores/store-123/sellers", person)).ShouldBe(HttpStatusCode.NotFound);

        var restricted = tenant.WithKey((await tenant.CreateKeyAsync(new { name = "r", permissions = new[] { "users:write" }, store_ids = new[] { mine.ToString() } })).Secret);
        await (await restricted.PostJson($"/api/v1/integrations/stores/{notMine}/managers", person)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemMessages.StoreNotInKeyList);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", person.email)).ShouldBe(0);
        await (await restricted.PostJson($"/api/v1/integrations/stores/{mine}/managers", person with { })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_sellers_manager_must_be_an_active_manager_of_that_store_and_is_assigned_when_absent()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var otherStore = await tenant.CreateStoreAsync(client);
        var noManagerYet = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Early", email = TestTenant.UniqueEmail(), send_invitation = false }))
            .ShouldBe(HttpStatusCode.Created);
        noManagerYet.GetProperty("seller").GetProperty("manager_id").ValueKind.ShouldBe(JsonValueKind.Null);

        var first = await tenant.CreateManagerAsync(client, store);
        await tenant.CreateManagerAsync(client, store);
        var elsewhere = await tenant.CreateManagerAsync(client, otherStore);

        var wrongStore = await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail(), manager_id = elsewhere });
        await wrongStore.ShouldBeProblem(HttpStatusCode.NotFound, UserMessages.ManagerNotFoundInStore);
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail(), manager_id = "manager-789" }))
            .ShouldBe(HttpStatusCode.NotFound);

        var assigned = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Auto", email = TestTenant.UniqueEmail(), send_invitation = false }))
            .ShouldBe(HttpStatusCode.Created);
        assigned.GetProperty("seller").Id("manager_id").ShouldBe(first);
        assigned.GetProperty("seller").Str("role").ShouldBe("seller");

        await (await client.PutJson($"/api/v1/integrations/users/{first}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail(), manager_id = first }))
            .ShouldBe(HttpStatusCode.NotFound);
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

    [Fact]
    public async Task Other_tenants_people_are_404()
    {
        var other = await TestTenant.CreateAsync(api);
        var otherClient = await other.AllPowerfulAsync();
        var foreign = await other.CreateSellerAsync(otherClient, await other.CreateStoreAsync(otherClient));
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();

        await (await client.PutJson($"/api/v1/integrations/users/{foreign}", new { name = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.UserNotFound);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{foreign}")).ShouldBe(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/integrations/users/{foreign}")).ShouldBe(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{other.GerantId}")).ShouldBe(HttpStatusCode.NotFound);
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", foreign)).ShouldBe("active");
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

    [Fact]
    public async Task People_are_found_by_their_external_id()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var body = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers",
            new { name = "Marie Martin", email = TestTenant.UniqueEmail(), external_id = "SELLER-001", send_invitation = false })).ShouldBe(HttpStatusCode.Created);

        var found = await (await client.GetAsync("/api/v1/integrations/users?external_id=SELLER-001")).ShouldBe(HttpStatusCode.OK);
        found.GetProperty("users").EnumerateArray().Select(u => u.Id("id")).ShouldBe([body.Id("seller_id")]);
        var none = await (await client.GetAsync("/api/v1/integrations/users?external_id=SELLER-404")).ShouldBe(HttpStatusCode.OK);
        none.GetProperty("users").GetArrayLength().ShouldBe(0);
    }
}
