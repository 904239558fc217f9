using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.Data;

public sealed class InvitationMailerTests(ApiFactory api) : IClassFixture<ApiFactory>
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
}

public sealed class InvitationMailerFailedDeliveryTests(BrokenSmtpApiFactory api) : IClassFixture<BrokenSmtpApiFactory>
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
