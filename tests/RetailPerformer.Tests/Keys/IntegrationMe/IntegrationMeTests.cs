using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Keys.IntegrationMe;

public sealed class IntegrationMeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Integrations_me_tells_what_the_key_can_do_under_both_families_and_both_headers()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync(new { name = "Caisse", permissions = new[] { "write:kpi", "read:stats", "stores:read" } });

        var viaHeader = await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
        viaHeader.Str("name").ShouldBe("Caisse");
        viaHeader.Id("tenant_id").ShouldBe(tenant.TenantId);
        viaHeader.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["kpi:write", "stats:read", "stores:read"]);
        viaHeader.GetProperty("all_stores").GetBoolean().ShouldBeTrue();

        var viaBearer = await (await TestTenant.WithBearer(api, key.Secret).GetAsync("/api/integrations/me")).ShouldBe(HttpStatusCode.OK);
        viaBearer.Id("key_id").ShouldBe(key.Id);
    }
}
