using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;
using System.Text.Json;

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
    public async Task A_delivery_failure_never_fails_the_creation_is_retried_on_the_schedule_then_given_up()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var email = TestTenant.UniqueEmail("unlucky");

        var created = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email })).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("seller").GetProperty("invitation_sent").GetBoolean().ShouldBeFalse();

        // The first attempt and the schedule's three retries (0.3 s apart here), then given up: the code is no longer kept.
        JsonElement invitation = default;
        for (var i = 0; i < 100; i++)
        {
            var listed = await (await tenant.Gerant().GetAsync("/api/gerant/invitations")).ShouldBe(HttpStatusCode.OK);
            invitation = listed.GetProperty("invitations").EnumerateArray().Single(i => i.Str("email") == email);
            if (invitation.Str("delivery_status") == "failed") break;
            invitation.Str("delivery_status").ShouldBe("pending");
            await Task.Delay(100);
        }
        invitation.Str("delivery_status").ShouldBe("failed");
        invitation.Str("delivery_error").ShouldNotBeNullOrWhiteSpace();
        invitation.GetProperty("delivery_attempts").GetInt32().ShouldBe(4);
        invitation.GetProperty("next_attempt_at").ValueKind.ShouldBe(JsonValueKind.Null);
        (await api.Scalar<string>("SELECT pending_code FROM users.invitations WHERE email = $1", email)).ShouldBeNull();
        invitation.Str("status").ShouldBe("pending");   // the invitation itself stays valid: « Renvoyer l'invitation » sends a new one
    }
}
