using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Keys.GetApiKey;

public sealed class GetApiKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Key_management_needs_a_signed_in_gerant()
    {
        await (await api.Client().GetAsync("/api/gerant/api-keys")).ShouldBe(HttpStatusCode.Unauthorized);
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stores:read", "stores:write", "users:write");
        // An API key cannot manage keys, even with every scope.
        await (await TestTenant.WithBearer(api, key.Secret).GetAsync("/api/gerant/api-keys")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
