using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Shared.Http;

/// <summary>Every list takes <c>?sort=&amp;order=</c> over its documented fields and filters on its obvious ones.</summary>
public sealed class ListSortingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static IEnumerable<string> Names(System.Text.Json.JsonElement body, string list, string field) =>
        body.GetProperty(list).EnumerateArray().Select(e => e.Str(field));

    [Fact]
    public async Task Stores_sort_by_name_either_way_and_filter_by_status()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        foreach (var name in new[] { "Bravo", "Alpha", "Charlie" }) await tenant.CreateStoreAsync(client, name);
        var charlie = (await (await client.GetAsync("/api/v1/integrations/stores")).ShouldBe(HttpStatusCode.OK)).GetProperty("stores")
            .EnumerateArray().Single(s => s.Str("name") == "Charlie").Id("id");
        await (await client.DeleteAsync($"/api/v1/integrations/stores/{charlie}")).ShouldBe(HttpStatusCode.OK);

        Names(await (await client.GetAsync("/api/v1/integrations/stores")).ShouldBe(HttpStatusCode.OK), "stores", "name").ShouldBe(["Alpha", "Bravo", "Charlie"]);
        Names(await (await client.GetAsync("/api/v1/integrations/stores?sort=name&order=desc")).ShouldBe(HttpStatusCode.OK), "stores", "name")
            .ShouldBe(["Charlie", "Bravo", "Alpha"]);
        var active = await (await client.GetAsync("/api/v1/integrations/stores?status=active&sort=created_at")).ShouldBe(HttpStatusCode.OK);
        Names(active, "stores", "name").ShouldBe(["Bravo", "Alpha"]);
        active.GetProperty("meta").GetProperty("total").GetInt64().ShouldBe(2);
        Names(await (await client.GetAsync("/api/v1/integrations/stores?status=deleted")).ShouldBe(HttpStatusCode.OK), "stores", "name").ShouldBe(["Charlie"]);
    }

    [Fact]
    public async Task People_filter_by_status_role_and_store_and_sort_by_email()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var other = await tenant.CreateStoreAsync(client);
        await tenant.CreateManagerAsync(client, store, "b-manager-" + TestTenant.UniqueEmail());
        var seller = await tenant.CreateSellerAsync(client, store, email: "a-seller-" + TestTenant.UniqueEmail());
        await tenant.CreateSellerAsync(client, other, email: "c-seller-" + TestTenant.UniqueEmail());
        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);

        var byEmail = await (await client.GetAsync("/api/v1/integrations/users?sort=email")).ShouldBe(HttpStatusCode.OK);
        Names(byEmail, "users", "email").Select(e => e[..2]).ShouldBe(["a-", "b-", "c-"]);
        (await (await client.GetAsync("/api/v1/integrations/users?role=seller")).ShouldBe(HttpStatusCode.OK)).GetProperty("users").GetArrayLength().ShouldBe(2);
        Names(await (await client.GetAsync("/api/v1/integrations/users?status=suspended")).ShouldBe(HttpStatusCode.OK), "users", "id").ShouldBe([seller.ToString()]);
        (await (await client.GetAsync($"/api/v1/integrations/users?store_id={other}")).ShouldBe(HttpStatusCode.OK)).GetProperty("users").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Keys_and_invitations_filter_by_status_and_sort()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var first = await tenant.CreateKeyAsync(new { name = "b key", permissions = new[] { "stats:read" } });
        await tenant.CreateKeyAsync(new { name = "a key", permissions = new[] { "stats:read" } });
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{first.Id}")).ShouldBe(HttpStatusCode.OK);

        Names(await (await tenant.Gerant().GetAsync("/api/gerant/api-keys?sort=name")).ShouldBe(HttpStatusCode.OK), "api_keys", "name").ShouldBe(["a key", "b key"]);
        Names(await (await tenant.Gerant().GetAsync("/api/gerant/api-keys?status=deactivated")).ShouldBe(HttpStatusCode.OK), "api_keys", "name").ShouldBe(["b key"]);
        Names(await (await tenant.Gerant().GetAsync("/api/gerant/api-keys?status=active")).ShouldBe(HttpStatusCode.OK), "api_keys", "name").ShouldBe(["a key"]);

        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var seller = await tenant.CreateSellerAsync(client, store);
        await (await tenant.Gerant().PostJson("/api/gerant/invitations", new { user_id = seller })).ShouldBe(HttpStatusCode.Created);
        await (await tenant.Gerant().PostJson("/api/gerant/invitations", new { user_id = seller })).ShouldBe(HttpStatusCode.Created);
        (await (await tenant.Gerant().GetAsync("/api/gerant/invitations?status=void")).ShouldBe(HttpStatusCode.OK)).GetProperty("invitations").GetArrayLength().ShouldBe(1);
        (await (await tenant.Gerant().GetAsync("/api/gerant/invitations?status=pending&sort=expires_at&order=asc")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("invitations").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/v1/integrations/stores?sort=password", "sort")]
    [InlineData("/api/v1/integrations/stores?sort=name;DROP", "sort")]
    [InlineData("/api/v1/integrations/stores?order=sideways", "order")]
    [InlineData("/api/v1/integrations/stores?status=closed", "status")]
    [InlineData("/api/v1/integrations/users?role=gerant", "role")]
    [InlineData("/api/v1/integrations/users?status=gone", "status")]
    [InlineData("/api/v1/integrations/users?store_id=not-an-id", "store_id")]
    [InlineData("/api/gerant/api-keys?status=sleeping", "status")]
    [InlineData("/api/gerant/invitations?sort=token", "sort")]
    public async Task An_unknown_sort_field_or_filter_value_is_400_naming_it(string url, string field)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Token);
        var body = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.GetRawText());
    }
}
