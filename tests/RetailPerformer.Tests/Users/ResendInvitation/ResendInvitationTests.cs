using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.ResendInvitation;

public sealed class ResendInvitationTests(PublicUrlApiFactory api) : IClassFixture<PublicUrlApiFactory>
{
    [Fact]
    public async Task The_gerant_can_send_an_invitation_to_someone_created_without_one()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("seller");
        var seller = await tenant.CreateSellerAsync(client, store, email: email);
        (await api.Scalar<long>("SELECT count(*) FROM users.invitations WHERE user_id = $1", seller)).ShouldBe(0);

        var body = await (await tenant.Gerant().PostJson("/api/gerant/invitations", new { user_id = seller })).ShouldBe(HttpStatusCode.Created);
        body.GetProperty("invitation").Id("user_id").ShouldBe(seller);
        body.GetProperty("invitation").Str("status").ShouldBe("pending");
        body.GetProperty("invitation").Str("delivery_status").ShouldBe("outbox");

        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = InvitationOutbox.TokenOf(api.LinkFor(email)), password = "seller-password" }))
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resending_voids_the_earlier_invitation()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("seller");
        var seller = (await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email })).ShouldBe(HttpStatusCode.Created))
            .Id("seller_id");
        var first = InvitationOutbox.TokenOf(api.LinkFor(email));

        // Two resends at once: each voids what came before, so exactly one invitation is left to accept.
        await Task.WhenAll(
            tenant.Gerant().PostJson("/api/gerant/invitations", new { user_id = seller }),
            tenant.Gerant().PostJson("/api/gerant/invitations", new { user_id = seller }));
        (await api.Scalar<long>("SELECT count(*) FROM users.invitations WHERE user_id = $1 AND voided_at IS NULL", seller)).ShouldBe(1);

        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = first, password = "seller-password" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "This invitation is unknown, expired or already used");
        // Of the three links sent (the deliveries of two concurrent resends may be logged in either order), one works.
        var links = api.LinksFor(email);
        links.Count.ShouldBe(3);
        var accepted = 0;
        foreach (var link in links)
        {
            var answer = await api.Client().PostJson("/api/auth/accept-invitation", new { token = InvitationOutbox.TokenOf(link), password = "seller-password" });
            if (answer.StatusCode == HttpStatusCode.OK) accepted++;
            else await answer.ShouldBeProblem(HttpStatusCode.BadRequest, "This invitation is unknown, expired or already used");
        }
        accepted.ShouldBe(1);

        var list = await (await tenant.Gerant().GetAsync("/api/gerant/invitations")).ShouldBe(HttpStatusCode.OK);
        list.GetProperty("invitations").EnumerateArray().Select(i => i.Str("status")).Order().ShouldBe(["accepted", "void", "void"]);
    }

    [Fact]
    public async Task Resending_is_refused_for_someone_else_a_gerant_a_person_with_a_password_or_no_longer_active()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var other = await TestTenant.CreateAsync(api);
        var stranger = await other.CreateSellerAsync(await other.AllPowerfulAsync(), await other.CreateStoreAsync(await other.AllPowerfulAsync()));
        var (withPassword, _) = await tenant.SignedInPersonAsync(client, store, "seller");
        var deleted = await tenant.CreateSellerAsync(client, store);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{deleted}")).ShouldBe(HttpStatusCode.OK);
        var gerant = tenant.Gerant();

        await (await gerant.PostJson("/api/gerant/invitations", new { user_id = stranger })).ShouldBeProblem(HttpStatusCode.NotFound, "User not found");
        await (await gerant.PostJson("/api/gerant/invitations", new { user_id = "not-an-id" })).ShouldBeProblem(HttpStatusCode.NotFound, "User not found");
        await (await gerant.PostJson("/api/gerant/invitations", new { user_id = tenant.GerantId }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "A gérant signs up: there is no invitation to send");
        await (await gerant.PostJson("/api/gerant/invitations", new { user_id = withPassword }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "This person has already chosen a password");
        await (await gerant.PostJson("/api/gerant/invitations", new { user_id = deleted }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "This account is deleted: it cannot be invited");
        await (await gerant.PostJson("/api/gerant/invitations", new { })).ShouldBe(HttpStatusCode.BadRequest);
        (await api.Scalar<long>("SELECT count(*) FROM users.invitations WHERE user_id = ANY($1)", new[] { stranger, deleted })).ShouldBe(0);
        // A manager cannot send invitations.
        var (_, managerToken) = await tenant.SignedInPersonAsync(client, store, "manager");
        await (await TestTenant.WithBearer(api, managerToken).PostJson("/api/gerant/invitations", new { user_id = deleted })).ShouldBe(HttpStatusCode.Forbidden);
    }
}
