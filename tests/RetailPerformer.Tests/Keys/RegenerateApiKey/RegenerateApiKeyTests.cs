using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Keys.RegenerateApiKey;

public sealed class RegenerateApiKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Regenerate_issues_a_new_secret_with_the_same_settings_and_refuses_the_old_one_on_the_very_next_request()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var store = await tenant.CreateStoreAsync(await tenant.AllPowerfulAsync());
        var old = await tenant.CreateKeyAsync(new { name = "ERP", permissions = new[] { "write:kpi", "stores:read" }, store_ids = new[] { store.ToString() }, expires_in_days = 90 });
        await (await tenant.WithKey(old.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK); // now cached

        var regenerated = await (await tenant.Gerant().PostAsync($"/api/gerant/api-keys/{old.Id}/regenerate", null)).ShouldBe(HttpStatusCode.Created);
        var fresh = regenerated.GetProperty("api_key");
        regenerated.Str("key").ShouldNotBe(old.Secret);
        fresh.Str("name").ShouldBe("ERP");
        fresh.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["kpi:write", "stores:read"]);
        fresh.GetProperty("store_ids").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([store]);
        fresh.GetProperty("expires_in_days").GetInt32().ShouldBe(90);

        await (await tenant.WithKey(old.Secret).GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key revoked");
        var me = await (await tenant.WithKey(regenerated.Str("key")).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
        me.GetProperty("store_ids").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([store]);

        var history = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{old.Id}")).ShouldBe(HttpStatusCode.OK);
        history.GetProperty("active").GetBoolean().ShouldBeFalse();
        history.Id("replaced_by").ShouldBe(fresh.Id("id"));
    }
}
