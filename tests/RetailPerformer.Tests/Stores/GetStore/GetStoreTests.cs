using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Stores.GetStore;

public sealed class GetStoreTests(ApiFactory api) : IClassFixture<ApiFactory>
{
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
}
