using System.Net;
using System.Text.Json;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Stores;

public sealed class StoreTests(ApiFactory api) : IClassFixture<ApiFactory>
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

    [Fact]
    public async Task A_key_restricted_to_stores_sees_only_them_and_cannot_create_stores()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var paris = await tenant.CreateStoreAsync(admin, "Paris");
        var lyon = await tenant.CreateStoreAsync(admin, "Lyon");
        var restricted = tenant.WithKey((await tenant.CreateKeyAsync(new
        {
            name = "Caisse Paris", permissions = new[] { "stores:read", "stores:write" }, store_ids = new[] { paris.ToString() },
        })).Secret);

        var list = await (await restricted.GetAsync("/api/integrations/stores")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("stores").EnumerateArray().Select(s => s.Id("id")).ShouldBe([paris]);
        await (await restricted.GetAsync($"/api/v1/integrations/stores/{lyon}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemMessages.StoreNotInKeyList);
        await (await restricted.DeleteAsync($"/api/v1/integrations/stores/{lyon}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemMessages.StoreNotInKeyList);
        await (await restricted.PostJson("/api/v1/integrations/stores", new { name = "New", location = "X" })).ShouldBe(HttpStatusCode.Forbidden);
        (await api.Scalar<bool>("SELECT active FROM stores.stores WHERE id = $1", lyon)).ShouldBeTrue();
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task List_is_paged_and_filters_by_external_id()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        foreach (var name in new[] { "A", "B", "C" })
            await (await client.PostJson("/api/v1/integrations/stores", new { name, location = "X", external_id = "EXT-" + name })).ShouldBe(HttpStatusCode.Created);

        var page = await (await client.GetAsync("/api/v1/integrations/stores?page=2&limit=2")).ShouldBe(HttpStatusCode.OK);
        page.GetProperty("stores").EnumerateArray().Select(s => s.Str("name")).ShouldBe(["C"]);
        page.GetProperty("meta").GetProperty("total").GetInt32().ShouldBe(3);

        var found = await (await client.GetAsync("/api/v1/integrations/stores?external_id=EXT-B")).ShouldBe(HttpStatusCode.OK);
        found.GetProperty("stores").EnumerateArray().Select(s => s.Str("name")).ShouldBe(["B"]);
        await (await client.GetAsync("/api/v1/integrations/stores?limit=1000")).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_tenants_store_is_404_never_403()
    {
        var other = await TestTenant.CreateAsync(api);
        var foreign = await other.CreateStoreAsync(await other.AllPowerfulAsync());
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();

        await (await client.GetAsync($"/api/v1/integrations/stores/{foreign}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.StoreNotFound);
        await (await client.DeleteAsync($"/api/v1/integrations/stores/{foreign}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.StoreNotFound);
        await (await client.DeleteAsync("/api/integrations/stores/store-123")).ShouldBe(HttpStatusCode.NotFound);
        (await api.Scalar<bool>("SELECT active FROM stores.stores WHERE id = $1", foreign)).ShouldBeTrue();
        var list = await (await client.GetAsync("/api/v1/integrations/stores")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("stores").GetArrayLength().ShouldBe(0);
    }

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
}
