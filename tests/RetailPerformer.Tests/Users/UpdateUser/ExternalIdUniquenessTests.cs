using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Users.UpdateUser;

/// <summary>
/// A person's external_id is unique in the tenant among people who are not deleted (issue 17, item 8), whichever
/// route sets it: creation of a manager or a seller, an update; at once or one after the other; and the list finds them by it.
/// </summary>
public sealed class ExternalIdUniquenessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Taken = "A person with this external_id already exists";

    private static object Person(string externalId) => new { name = "Someone", email = TestTenant.UniqueEmail("person"), external_id = externalId, send_invitation = false };

    [Fact]
    public async Task A_second_person_with_a_taken_external_id_is_refused_by_creation_and_by_update()
    {
        var (tenant, admin, store) = await TestTenant.WithStoreAsync(api);
        var code = "EMP_" + Guid.NewGuid().ToString("N")[..8];
        await (await admin.PostJson($"/api/v1/integrations/stores/{store}/managers", Person(code))).ShouldBe(HttpStatusCode.Created);

        (await (await admin.PostJson($"/api/v1/integrations/stores/{store}/sellers", Person(code))).ShouldBe(HttpStatusCode.BadRequest)).Str("detail").ShouldBe(Taken);
        // The same id written differently (a zero-width space pasted in) is the same id.
        (await (await admin.PostJson($"/api/integrations/stores/{store}/managers", Person(code + "\u200B"))).ShouldBe(HttpStatusCode.BadRequest)).Str("detail").ShouldBe(Taken);

        var seller = await tenant.CreateSellerAsync(admin, store);
        (await (await admin.PutJson($"/api/v1/integrations/users/{seller}", new { external_id = code })).ShouldBe(HttpStatusCode.BadRequest)).Str("detail").ShouldBe(Taken);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE tenant_id = $1 AND external_id = $2", tenant.TenantId, code)).ShouldBe(1);

        // Another tenant has its own ids.
        var (_, otherAdmin, otherStore) = await TestTenant.WithStoreAsync(api);
        await (await otherAdmin.PostJson($"/api/v1/integrations/stores/{otherStore}/sellers", Person(code))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_deleted_persons_external_id_can_be_given_again()
    {
        var (_, admin, store) = await TestTenant.WithStoreAsync(api);
        var code = "EMP_" + Guid.NewGuid().ToString("N")[..8];
        var first = (await (await admin.PostJson($"/api/v1/integrations/stores/{store}/sellers", Person(code))).ShouldBe(HttpStatusCode.Created)).Id("seller_id");
        await (await admin.DeleteAsync($"/api/v1/integrations/users/{first}")).ShouldBe(HttpStatusCode.OK);
        var second = (await (await admin.PostJson($"/api/v1/integrations/stores/{store}/sellers", Person(code))).ShouldBe(HttpStatusCode.Created)).Id("seller_id");

        var found = await (await admin.GetAsync($"/api/v1/integrations/users?external_id={code}")).ShouldBe(HttpStatusCode.OK);
        found.GetProperty("users").EnumerateArray().Select(u => (u.Id("id"), u.Str("status"))).ShouldBe([(second, "active"), (first, "deleted")], ignoreOrder: true);
    }

    [Fact]
    public async Task Parallel_creations_with_one_external_id_leave_one_person_with_it()
    {
        var (tenant, admin, store) = await TestTenant.WithStoreAsync(api);
        var code = "EMP_" + Guid.NewGuid().ToString("N")[..8];
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            admin.PostJson($"/api/v1/integrations/stores/{store}/{(i % 2 == 0 ? "sellers" : "managers")}", Person(code))));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest).ShouldBe(7);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE tenant_id = $1 AND external_id = $2", tenant.TenantId, code)).ShouldBe(1);
    }

    [Fact]
    public async Task Stores_are_found_by_their_external_id()
    {
        var (_, admin, _) = await TestTenant.WithStoreAsync(api);
        var code = "STORE_" + Guid.NewGuid().ToString("N")[..8];
        var store = (await (await admin.PostJson("/api/v1/integrations/stores", new { name = "Skyco " + code, location = "Lyon", external_id = code }))
            .ShouldBe(HttpStatusCode.Created)).Id("store_id");
        var found = await (await admin.GetAsync($"/api/v1/integrations/stores?external_id={code}")).ShouldBe(HttpStatusCode.OK);
        found.GetProperty("stores").EnumerateArray().Select(s => s.Id("id")).ShouldBe([store]);
    }
}
