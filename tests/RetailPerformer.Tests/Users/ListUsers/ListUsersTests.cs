using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.ListUsers;

public sealed class ListUsersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task People_are_found_by_their_external_id()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var body = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers",
            new { name = "Marie Martin", email = TestTenant.UniqueEmail(), external_id = "SELLER-001", send_invitation = false })).ShouldBe(HttpStatusCode.Created);

        var found = await (await client.GetAsync("/api/v1/integrations/users?external_id=SELLER-001")).ShouldBe(HttpStatusCode.OK);
        found.GetProperty("users").EnumerateArray().Select(u => u.Id("id")).ShouldBe([body.Id("seller_id")]);
        var none = await (await client.GetAsync("/api/v1/integrations/users?external_id=SELLER-404")).ShouldBe(HttpStatusCode.OK);
        none.GetProperty("users").GetArrayLength().ShouldBe(0);
    }
}
