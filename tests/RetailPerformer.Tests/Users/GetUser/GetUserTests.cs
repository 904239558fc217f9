using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.GetUser;

public sealed class GetUserTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Other_tenants_people_are_404()
    {
        var other = await TestTenant.CreateAsync(api);
        var otherClient = await other.AllPowerfulAsync();
        var foreign = await other.CreateSellerAsync(otherClient, await other.CreateStoreAsync(otherClient));
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();

        await (await client.PutJson($"/api/v1/integrations/users/{foreign}", new { name = "x" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.UserNotFound);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{foreign}")).ShouldBe(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/integrations/users/{foreign}")).ShouldBe(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{other.GerantId}")).ShouldBe(HttpStatusCode.NotFound);
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", foreign)).ShouldBe("active");
    }
}
