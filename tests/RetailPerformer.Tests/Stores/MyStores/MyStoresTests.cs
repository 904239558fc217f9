using System.Net;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Stores.MyStores;

public sealed class MyStoresTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task My_stores_lists_every_reachable_store_with_people_who_are_not_deleted_and_the_totals()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var lyon = await tenant.CreateStoreAsync(client, "Skyco Lyon Part-Dieu");
        var paris = await tenant.CreateStoreAsync(client, "Skyco Paris");
        var manager = await tenant.CreateManagerAsync(client, lyon, "manager12-" + Guid.NewGuid().ToString("N")[..6] + "@test.com");
        var sellers = new List<Guid>();
        for (var i = 0; i < 3; i++) sellers.Add(await tenant.CreateSellerAsync(client, lyon, manager));
        await (await client.DeleteAsync($"/api/v1/integrations/users/{sellers[2]}")).ShouldBe(HttpStatusCode.OK);
        await (await client.PutJson($"/api/v1/integrations/users/{sellers[1]}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);

        var statsKey = tenant.WithKey((await tenant.CreateKeyAsync("read:stats")).Secret);
        var body = await (await statsKey.GetAsync("/api/v1/integrations/my-stores")).ShouldBe(HttpStatusCode.OK);

        body.GetProperty("total_stores").GetInt32().ShouldBe(2);
        body.GetProperty("total_managers").GetInt32().ShouldBe(1);
        body.GetProperty("total_sellers").GetInt32().ShouldBe(2);
        var first = body.GetProperty("stores")[0];
        first.Id("store_id").ShouldBe(lyon);
        first.Str("store_name").ShouldBe("Skyco Lyon Part-Dieu");
        first.GetProperty("managers_count").GetInt32().ShouldBe(1);
        first.GetProperty("managers")[0].Id("id").ShouldBe(manager);
        first.GetProperty("managers")[0].Str("email").ShouldStartWith("manager12-");
        first.GetProperty("sellers_count").GetInt32().ShouldBe(2);
        first.GetProperty("sellers").EnumerateArray().Select(s => s.Id("id")).ShouldBe(sellers.Take(2), ignoreOrder: true);
        body.GetProperty("stores")[1].Id("store_id").ShouldBe(paris);
        body.GetProperty("stores")[1].GetProperty("sellers").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task My_stores_needs_stats_read_or_stores_read()
    {
        var tenant = await TestTenant.CreateAsync(api);
        await tenant.CreateStoreAsync(await tenant.AllPowerfulAsync());
        await (await tenant.WithKey((await tenant.CreateKeyAsync("stores:read")).Secret).GetAsync("/api/integrations/my-stores")).ShouldBe(HttpStatusCode.OK);
        await (await tenant.WithKey((await tenant.CreateKeyAsync("kpi:write", "users:write")).Secret).GetAsync("/api/integrations/my-stores"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "Insufficient permissions. Requires 'stats:read' or 'stores:read'");
    }

    [Fact]
    public async Task My_stores_is_404_when_the_key_reaches_no_store_and_a_restricted_key_sees_only_its_stores()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = tenant.WithKey((await tenant.CreateKeyAsync("stats:read")).Secret);
        await (await key.GetAsync("/api/v1/integrations/my-stores")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.NoAccessibleStore);

        var admin = await tenant.AllPowerfulAsync();
        var a = await tenant.CreateStoreAsync(admin);
        await tenant.CreateStoreAsync(admin);
        var restricted = tenant.WithKey((await tenant.CreateKeyAsync(new { name = "r", permissions = new[] { "stats:read" }, store_ids = new[] { a.ToString() } })).Secret);
        var body = await (await restricted.GetAsync("/api/v1/integrations/my-stores")).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("stores").EnumerateArray().Select(s => s.Id("store_id")).ShouldBe([a]);
    }

    [Fact]
    public async Task My_stores_runs_the_same_two_queries_for_one_store_as_for_twelve()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        await tenant.CreateSellerAsync(admin, store, await tenant.CreateManagerAsync(admin, store));
        var key = tenant.WithKey((await tenant.CreateKeyAsync("stats:read")).Secret);
        await key.GetAsync("/api/v1/integrations/me"); // the key lookup is now cached

        var (one, queriesForOne) = await key.SendCounting(new HttpRequestMessage(HttpMethod.Get, "/api/v1/integrations/my-stores"));
        await one.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 11; i++)
        {
            var s = await tenant.CreateStoreAsync(admin);
            await tenant.CreateSellerAsync(admin, s, await tenant.CreateManagerAsync(admin, s));
        }
        var (twelve, queriesForTwelve) = await key.SendCounting(new HttpRequestMessage(HttpMethod.Get, "/api/v1/integrations/my-stores"));
        (await twelve.ShouldBe(HttpStatusCode.OK)).GetProperty("total_stores").GetInt32().ShouldBe(12);

        queriesForOne.ShouldBe(2);
        queriesForTwelve.ShouldBe(2);
    }

    [Fact]
    public async Task An_unchanged_answer_is_304_without_a_body_and_any_change_to_what_it_shows_changes_its_etag()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var first = await client.GetAsync("/api/v1/integrations/my-stores");
        await first.ShouldBe(HttpStatusCode.OK);
        var tag = first.Headers.ETag!.Tag;
        first.Headers.CacheControl!.NoCache.ShouldBeTrue();
        first.Headers.CacheControl.Private.ShouldBeTrue();

        foreach (var ifNoneMatch in new[] { tag, "W/" + tag, $"\"other\", {tag}", "*" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/integrations/my-stores");
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            var unchanged = await client.SendAsync(request);
            unchanged.StatusCode.ShouldBe(HttpStatusCode.NotModified, ifNoneMatch);
            (await unchanged.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
            unchanged.Headers.ETag!.Tag.ShouldBe(tag);
        }

        // A new seller in the store, then a renamed one: each is a new answer with a new tag.
        var seller = await tenant.CreateSellerAsync(client, store);
        var afterCreation = await Conditional(client, tag);
        afterCreation.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = afterCreation.Headers.ETag!.Tag;
        second.ShouldNotBe(tag);
        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { name = "Renamed Seller" })).ShouldBe(HttpStatusCode.OK);
        var afterRename = await Conditional(client, second);
        afterRename.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterRename.Headers.ETag!.Tag.ShouldNotBe(second);
        // The tag is the answer's, not the host's or the moment's: asking again gives the same one.
        (await Conditional(client, afterRename.Headers.ETag.Tag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    private static Task<HttpResponseMessage> Conditional(HttpClient client, string tag, string url = "/api/v1/integrations/my-stores")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        return client.SendAsync(request);
    }
}
