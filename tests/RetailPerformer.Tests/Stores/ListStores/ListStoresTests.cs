using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Stores.ListStores;

public sealed class ListStoresTests(ApiFactory api) : IClassFixture<ApiFactory>
{
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
    public async Task The_store_list_is_tagged_per_page_and_answers_304_until_a_store_changes()
    {
        var (tenant, client, _) = await TestTenant.WithStoreAsync(api);
        await tenant.CreateStoreAsync(client);
        var page1 = await client.GetAsync("/api/v1/integrations/stores?limit=1&page=1");
        var page2 = await client.GetAsync("/api/v1/integrations/stores?limit=1&page=2");
        page1.Headers.ETag!.Tag.ShouldNotBe(page2.Headers.ETag!.Tag);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/integrations/stores?limit=1&page=1");
        request.Headers.TryAddWithoutValidation("If-None-Match", page1.Headers.ETag.Tag);
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        await tenant.CreateStoreAsync(client, "A store that sorts first");
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/integrations/stores?limit=1&page=1");
        again.Headers.TryAddWithoutValidation("If-None-Match", page1.Headers.ETag.Tag);
        var changed = await client.SendAsync(again);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.Tag.ShouldNotBe(page1.Headers.ETag.Tag);
    }
}
