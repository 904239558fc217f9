using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.ListInvitations;

public sealed class ListInvitationsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Invitations_of_another_tenant_are_not_listed()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var other = await TestTenant.CreateAsync(api);
        var otherClient = await other.AllPowerfulAsync();
        await (await otherClient.PostJson($"/api/v1/integrations/stores/{await other.CreateStoreAsync(otherClient)}/managers", new { name = "M", email = TestTenant.UniqueEmail() }))
            .ShouldBe(HttpStatusCode.Created);
        var listed = await (await tenant.Gerant().GetAsync("/api/gerant/invitations")).ShouldBe(HttpStatusCode.OK);
        listed.GetProperty("invitations").GetArrayLength().ShouldBe(0);
    }
}
