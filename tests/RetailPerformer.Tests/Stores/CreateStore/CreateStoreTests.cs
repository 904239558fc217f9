using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Stores.CreateStore;

public sealed class CreateStoreTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Creation_answers_201_with_location_under_v1_and_200_under_the_unversioned_family_with_the_union_body()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var request = new { name = "Skyco Marseille", location = "13001 Marseille", address = "12 Rue de la République, 13001 Marseille",
            phone = "+33 4 91 00 00 00", opening_hours = "Lun-Sam: 9h-19h", external_id = "STORE_MRS_001" };

        var v1 = await client.PostJson("/api/v1/integrations/stores", request);
        var created = await v1.ShouldBe(HttpStatusCode.Created);
        v1.Headers.Location!.ToString().ShouldBe($"/api/v1/integrations/stores/{created.Id("store_id")}");
        created.GetProperty("success").GetBoolean().ShouldBeTrue();
        var store = created.GetProperty("store");
        store.Id("id").ShouldBe(created.Id("store_id"));
        store.Str("name").ShouldBe("Skyco Marseille");
        store.Str("location").ShouldBe("13001 Marseille");
        store.Str("address").ShouldBe(request.address);
        store.Str("phone").ShouldBe(request.phone);
        store.Str("opening_hours").ShouldBe(request.opening_hours);
        store.Str("external_id").ShouldBe("STORE_MRS_001");
        store.Id("gerant_id").ShouldBe(tenant.GerantId);
        store.GetProperty("active").GetBoolean().ShouldBeTrue();
        store.Str("created_at").ShouldEndWith("Z");

        var unversioned = await client.PostJson("/api/integrations/stores", new { name = "Magasin Lyon Centre", location = "69001 Lyon" });
        (await unversioned.ShouldBe(HttpStatusCode.OK)).GetProperty("store").Str("name").ShouldBe("Magasin Lyon Centre");

        var fetched = await (await client.GetAsync($"/api/v1/integrations/stores/{created.Id("store_id")}")).ShouldBe(HttpStatusCode.OK);
        fetched.Str("name").ShouldBe("Skyco Marseille");
    }

    [Theory]
    [InlineData("""{"location": "75001 Paris"}""", "name")]
    [InlineData("""{"name": "", "location": "75001 Paris"}""", "name")]
    [InlineData("""{"name": "Paris"}""", "location")]
    [InlineData("""{"name": "Paris", "location": "   "}""", "location")]
    [InlineData("""{"name": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "location": "75001 Paris"}""", "name")]
    [InlineData("""{"name": "Paris", "location": "75001 Paris", "phone": "000000000000000000000000000000000000000000000000000"}""", "phone")]
    public async Task A_store_without_name_or_location_is_400_and_writes_nothing(string json, string field)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var body = await (await (await tenant.AllPowerfulAsync()).PostRaw("/api/v1/integrations/stores", json)).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_duplicate_name_or_external_id_in_the_tenant_is_400_but_another_tenant_may_use_them()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        await (await client.PostJson("/api/v1/integrations/stores", new { name = "Paris Centre", location = "75001", external_id = "P1" })).ShouldBe(HttpStatusCode.Created);

        await (await client.PostJson("/api/v1/integrations/stores", new { name = "PARIS CENTRE", location = "75001" })).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.PostJson("/api/v1/integrations/stores", new { name = "Other", location = "75001", external_id = "P1" })).ShouldBe(HttpStatusCode.BadRequest);
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(1);

        var other = await TestTenant.CreateAsync(api);
        await (await (await other.AllPowerfulAsync()).PostJson("/api/v1/integrations/stores", new { name = "Paris Centre", location = "75001", external_id = "P1" }))
            .ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Scopes_are_enforced_with_the_contract_message()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var readOnly = tenant.WithKey((await tenant.CreateKeyAsync("stores:read")).Secret);
        await (await readOnly.PostJson("/api/v1/integrations/stores", new { name = "X", location = "Y" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "Insufficient permissions. Requires 'stores:write'");
        var kpiOnly = tenant.WithKey((await tenant.CreateKeyAsync("write:kpi")).Secret);
        await (await kpiOnly.GetAsync("/api/integrations/stores")).ShouldBeProblem(HttpStatusCode.Forbidden, "Insufficient permissions. Requires 'stores:read'");
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);
    }
}
