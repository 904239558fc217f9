using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Keys.ListApiKeys;

public sealed class ListApiKeysTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task List_is_paged_newest_first_and_confined_to_the_tenant()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var other = await TestTenant.CreateAsync(api);
        var otherKey = await other.CreateKeyAsync("kpi:write");
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++) created.Add((await tenant.CreateKeyAsync("kpi:write")).Id);

        var page1 = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys?page=1&limit=2")).ShouldBe(HttpStatusCode.OK);
        var page2 = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys?page=2&limit=2")).ShouldBe(HttpStatusCode.OK);
        var ids = page1.GetProperty("api_keys").EnumerateArray().Concat(page2.GetProperty("api_keys").EnumerateArray()).Select(k => k.Id("id")).ToList();
        ids.ShouldBe(Enumerable.Reverse(created).ToList());
        var meta = page1.GetProperty("meta");
        meta.GetProperty("total").GetInt32().ShouldBe(3);
        meta.GetProperty("pages").GetInt32().ShouldBe(2);
        meta.GetProperty("limit").GetInt32().ShouldBe(2);

        await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{otherKey.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{otherKey.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await tenant.Gerant().PostAsync($"/api/gerant/api-keys/{otherKey.Id}/regenerate", null)).ShouldBe(HttpStatusCode.NotFound);
        // The other tenant's key is untouched.
        await (await TestTenant.WithKey(api, otherKey.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?page=0")]
    [InlineData("?page=-1")]
    [InlineData("?limit=abc")]
    public async Task Bad_paging_is_400(string query)
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await tenant.Gerant().GetAsync("/api/gerant/api-keys" + query)).ShouldBe(HttpStatusCode.BadRequest);
    }
}
