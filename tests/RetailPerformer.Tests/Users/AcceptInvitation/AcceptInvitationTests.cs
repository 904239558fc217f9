using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.AcceptInvitation;

public sealed class AcceptInvitationTests(SmtpApiFactory api) : IClassFixture<SmtpApiFactory>
{
    [Fact]
    public async Task An_invited_manager_receives_the_email_sets_a_password_and_signs_in_but_cannot_manage_keys()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("manager");
        var created = await (await client.PostJson($"/api/v1/integrations/stores/{store}/managers", new { name = "Jean Dupont", email }))
            .ShouldBe(HttpStatusCode.Created);
        created.GetProperty("manager").GetProperty("invitation_sent").GetBoolean().ShouldBeTrue();

        var code = await api.Smtp.InvitationCodeFor(email);
        var stored = await api.Scalar<string>("SELECT row_to_json(i)::text FROM users.invitations i WHERE email = $1", email);
        stored!.ShouldNotContain(code);

        var accepted = await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = code, password = "manager-password" }))
            .ShouldBe(HttpStatusCode.OK);
        accepted.GetProperty("user").Str("role").ShouldBe("manager");

        var token = await TestTenant.SignInAsync(api, email, "manager-password");
        var me = await (await TestTenant.WithBearer(api, token).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
        me.Id("store_id").ShouldBe(store);
        await (await TestTenant.WithBearer(api, token).GetAsync("/api/gerant/api-keys"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "This action is reserved to: gerant");

        // Single use.
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = code, password = "another-password" })).ShouldBe(HttpStatusCode.BadRequest);
        var listed = await (await tenant.Gerant().GetAsync("/api/gerant/invitations")).ShouldBe(HttpStatusCode.OK);
        var invitation = listed.GetProperty("invitations").EnumerateArray().Single(i => i.Str("email") == email);
        invitation.Str("status").ShouldBe("accepted");
        invitation.Str("delivery_status").ShouldBe("sent");
    }

    [Fact]
    public async Task Unknown_and_expired_invitations_are_400()
    {
        var (_, client, store) = await TestTenant.WithStoreAsync(api);
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = "never-issued-never-issued-never-issued-00", password = "password123" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "This invitation is unknown, expired or already used");

        var email = TestTenant.UniqueEmail("seller");
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email })).ShouldBe(HttpStatusCode.Created);
        var code = await api.Smtp.InvitationCodeFor(email);
        (await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = code, password = "short" })).ShouldBe(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
        (await (await api.Client().PostJson("/api/auth/accept-invitation", new { password = "password123" })).ShouldBe(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("token", out _).ShouldBeTrue();
        await api.Execute("UPDATE users.invitations SET expires_at = now() - interval '1 minute' WHERE email = $1", email);
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = code, password = "password123" })).ShouldBe(HttpStatusCode.BadRequest);
        (await api.Scalar<string>("SELECT password_hash FROM users.users WHERE email_normalized = $1", email)).ShouldBeNull();
        // No password yet: signing in fails like any wrong password.
        await (await api.Client().PostJson("/api/auth/login", new { email, password = "password123" })).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Suspended_or_deleted_people_cannot_accept_nor_sign_in()
    {
        var (_, client, store) = await TestTenant.WithStoreAsync(api);
        var suspendedEmail = TestTenant.UniqueEmail("suspended");
        var suspended = (await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = suspendedEmail }))
            .ShouldBe(HttpStatusCode.Created)).Id("seller_id");
        var deletedEmail = TestTenant.UniqueEmail("deleted");
        var deleted = (await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "D", email = deletedEmail }))
            .ShouldBe(HttpStatusCode.Created)).Id("seller_id");
        var suspendedCode = await api.Smtp.InvitationCodeFor(suspendedEmail);
        var deletedCode = await api.Smtp.InvitationCodeFor(deletedEmail);

        // One accepts first, then is suspended: the token they hold stops working, and so does sign-in.
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = suspendedCode, password = "password123" })).ShouldBe(HttpStatusCode.OK);
        var token = await TestTenant.SignInAsync(api, suspendedEmail, "password123");
        await (await client.PutJson($"/api/v1/integrations/users/{suspended}", new { status = "suspended" })).ShouldBe(HttpStatusCode.OK);
        await (await TestTenant.WithBearer(api, token).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await Task.Delay(100);
        await (await api.Client().PostJson("/api/auth/login", new { email = suspendedEmail, password = "password123" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "This account is suspended");

        await (await client.DeleteAsync($"/api/v1/integrations/users/{deleted}")).ShouldBe(HttpStatusCode.OK);
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = deletedCode, password = "password123" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "This account is deleted");

        // Someone who had signed in, then was deleted: the token stops working and signing in again is refused.
        var leaverEmail = TestTenant.UniqueEmail("leaver");
        var leaver = (await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "L", email = leaverEmail }))
            .ShouldBe(HttpStatusCode.Created)).Id("seller_id");
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = await api.Smtp.InvitationCodeFor(leaverEmail), password = "password123" }))
            .ShouldBe(HttpStatusCode.OK);
        var leaverToken = await TestTenant.SignInAsync(api, leaverEmail, "password123");
        await (await client.DeleteAsync($"/api/v1/integrations/users/{leaver}")).ShouldBe(HttpStatusCode.OK);
        await (await TestTenant.WithBearer(api, leaverToken).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await api.Client().PostJson("/api/auth/login", new { email = leaverEmail, password = "password123" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "This account is deleted");
    }
}
