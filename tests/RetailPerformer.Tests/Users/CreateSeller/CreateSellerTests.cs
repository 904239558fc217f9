using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Users.Data;
using Shouldly;
using System.Net;
using System.Text.Json;

namespace RetailPerformer.Tests.Users.CreateSeller;

public sealed class CreateSellerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Unknown_or_foreign_stores_are_404_and_a_restricted_key_is_confined_to_its_stores()
    {
        var other = await TestTenant.CreateAsync(api);
        var foreign = await other.CreateStoreAsync(await other.AllPowerfulAsync());
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var mine = await tenant.CreateStoreAsync(client);
        var notMine = await tenant.CreateStoreAsync(client);
        var person = new { name = "X", email = TestTenant.UniqueEmail() };

        await (await client.PostJson($"/api/v1/integrations/stores/{foreign}/managers", person)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemMessages.StoreNotFound);
        await (await client.PostJson("/api/v1/integrations/stores/store-123/sellers", person)).ShouldBe(HttpStatusCode.NotFound);

        var restricted = tenant.WithKey((await tenant.CreateKeyAsync(new { name = "r", permissions = new[] { "users:write" }, store_ids = new[] { mine.ToString() } })).Secret);
        await (await restricted.PostJson($"/api/v1/integrations/stores/{notMine}/managers", person)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemMessages.StoreNotInKeyList);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", person.email)).ShouldBe(0);
        await (await restricted.PostJson($"/api/v1/integrations/stores/{mine}/managers", person with { })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_sellers_manager_must_be_an_active_manager_of_that_store_and_is_assigned_when_absent()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var otherStore = await tenant.CreateStoreAsync(client);
        var noManagerYet = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Early", email = TestTenant.UniqueEmail(), send_invitation = false }))
            .ShouldBe(HttpStatusCode.Created);
        noManagerYet.GetProperty("seller").GetProperty("manager_id").ValueKind.ShouldBe(JsonValueKind.Null);

        var first = await tenant.CreateManagerAsync(client, store);
        await tenant.CreateManagerAsync(client, store);
        var elsewhere = await tenant.CreateManagerAsync(client, otherStore);

        var wrongStore = await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail(), manager_id = elsewhere });
        await wrongStore.ShouldBeProblem(HttpStatusCode.NotFound, UserMessages.ManagerNotFoundInStore);
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail(), manager_id = "manager-789" }))
            .ShouldBe(HttpStatusCode.NotFound);

        var assigned = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Auto", email = TestTenant.UniqueEmail(), send_invitation = false }))
            .ShouldBe(HttpStatusCode.Created);
        assigned.GetProperty("seller").Id("manager_id").ShouldBe(first);
        assigned.GetProperty("seller").Str("role").ShouldBe("seller");

        await (await client.PutJson($"/api/v1/integrations/users/{first}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail(), manager_id = first }))
            .ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class CreateSellerInvitationLinkTests(PublicUrlApiFactory api) : IClassFixture<PublicUrlApiFactory>
{
    [Fact]
    public async Task A_deleted_persons_email_can_be_given_to_a_new_person_and_the_old_history_stays()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("seller");
        var old = await tenant.CreateSellerAsync(client, store, email: email);
        await (await client.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = store, date = "2024-05-02", kpi_entries = new[] { new { seller_id = old, ca_journalier = 10.0, nb_ventes = 1, nb_articles = 1 } },
        })).ShouldBe(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{old}")).ShouldBe(HttpStatusCode.OK);

        var rehired = (await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Back again", email = email.ToUpperInvariant() }))
            .ShouldBe(HttpStatusCode.Created)).Id("seller_id");
        rehired.ShouldNotBe(old);
        (await api.Scalar<string>("SELECT status FROM users.users WHERE id = $1", old)).ShouldBe("deleted");
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE seller_id = $1", old)).ShouldBe(1);

        // The address is taken again while the new person is not deleted.
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Third", email }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Email already registered");
        // The new person signs in with it.
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = InvitationOutbox.TokenOf(api.LinkFor(email.ToUpperInvariant())), password = "rehired-password" }))
            .ShouldBe(HttpStatusCode.OK);
        var signedIn = await (await api.Client().PostJson("/api/auth/login", new { email, password = "rehired-password" })).ShouldBe(HttpStatusCode.OK);
        signedIn.GetProperty("user").Id("id").ShouldBe(rehired);
    }
}
