using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Users;

public sealed class InvitationTests(SmtpApiFactory api) : IClassFixture<SmtpApiFactory>
{
    private async Task<(TestTenant Tenant, HttpClient Client, Guid Store)> Chain()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        return (tenant, client, await tenant.CreateStoreAsync(client));
    }

    [Fact]
    public async Task An_invited_manager_receives_the_email_sets_a_password_and_signs_in_but_cannot_manage_keys()
    {
        var (tenant, client, store) = await Chain();
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
        var (_, client, store) = await Chain();
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
        var (_, client, store) = await Chain();
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

public sealed class OutboxInvitationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Without_smtp_the_invitation_goes_to_the_outbox_the_log_shows_and_invitation_sent_is_false()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var email = TestTenant.UniqueEmail("outbox");

        var created = await (await client.PostJson($"/api/integrations/stores/{store}/managers", new { name = "M", email })).ShouldBe(HttpStatusCode.OK);
        created.GetProperty("manager").GetProperty("invitation_sent").GetBoolean().ShouldBeFalse();

        api.Logs.Lines.ShouldContain(l => l.Contains("Invitation outbox") && l.Contains(email) && l.Contains("accept-invitation?token="));
        var listed = await (await tenant.Gerant().GetAsync("/api/gerant/invitations")).ShouldBe(HttpStatusCode.OK);
        var invitation = listed.GetProperty("invitations").EnumerateArray().Single(i => i.Str("email") == email);
        invitation.Str("delivery_status").ShouldBe("outbox");
        invitation.Str("status").ShouldBe("pending");

        var noInvite = await (await client.PostJson($"/api/integrations/stores/{store}/sellers", new { name = "S", email = TestTenant.UniqueEmail(), send_invitation = false }))
            .ShouldBe(HttpStatusCode.OK);
        noInvite.GetProperty("seller").GetProperty("invitation_sent").GetBoolean().ShouldBeFalse();
        (await api.Scalar<long>("SELECT count(*) FROM users.invitations WHERE user_id = $1", noInvite.Id("seller_id"))).ShouldBe(0);
    }

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

public sealed class FailedDeliveryTests(BrokenSmtpApiFactory api) : IClassFixture<BrokenSmtpApiFactory>
{
    [Fact]
    public async Task A_delivery_failure_never_fails_the_creation_and_shows_on_the_invitation()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var email = TestTenant.UniqueEmail("unlucky");

        var created = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email })).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("seller").GetProperty("invitation_sent").GetBoolean().ShouldBeFalse();

        var listed = await (await tenant.Gerant().GetAsync("/api/gerant/invitations")).ShouldBe(HttpStatusCode.OK);
        var invitation = listed.GetProperty("invitations").EnumerateArray().Single(i => i.Str("email") == email);
        invitation.Str("delivery_status").ShouldBe("failed");
        invitation.Str("delivery_error").ShouldNotBeNullOrWhiteSpace();
    }
}
