using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.Me;

public sealed class MeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Me_needs_a_valid_token()
    {
        await (await api.Client().GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await TestTenant.WithBearer(api, "garbage-token").GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);

        var tenant = await TestTenant.CreateAsync(api);
        var me = await (await tenant.Gerant().GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
        me.Id("id").ShouldBe(tenant.GerantId);
        me.Id("tenant_id").ShouldBe(tenant.TenantId);
    }

    [Fact]
    public async Task An_api_key_is_not_a_bearer_token_of_the_app_api()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stores:read");
        await (await TestTenant.WithBearer(api, key.Secret).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await TestTenant.WithBearer(api, tenant.Token).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
