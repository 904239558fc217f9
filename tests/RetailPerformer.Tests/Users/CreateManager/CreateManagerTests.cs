using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Users.Data;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.CreateManager;

public sealed class CreateManagerTests(ApiFactory api) : IClassFixture<ApiFactory>
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
}
