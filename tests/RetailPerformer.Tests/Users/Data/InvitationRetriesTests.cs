using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Users.Data;

/// <summary>Invitation emails are retried like webhook deliveries (the tests' schedule: three retries 0.3 s apart).</summary>
public sealed class InvitationRetriesTests(SmtpPairHostA api, SmtpPairHostB second) : IClassFixture<SmtpPairHostA>, IClassFixture<SmtpPairHostB>
{
    [Fact]
    public async Task An_email_refused_for_now_is_retried_until_sent_and_the_gerant_sees_each_step()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("retried");
        SmtpCapture.Refuse(email, times: 2);

        var created = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Léa", email })).ShouldBe(HttpStatusCode.Created);
        // invitation_sent is the first attempt's truth.
        created.GetProperty("seller").GetProperty("invitation_sent").GetBoolean().ShouldBeFalse();
        var sellerId = created.Id("seller_id");

        // After the first attempt: the reason, the attempt counted, the code kept only protected.
        var first = await InvitationOfAsync(tenant, sellerId, i => i.GetProperty("delivery_attempts").GetInt32() >= 1);
        first.Str("delivery_error").ShouldContain("Try again later");
        var code = await api.Scalar<string>("SELECT pending_code FROM users.invitations WHERE user_id = $1", sellerId);

        var sent = await InvitationOfAsync(tenant, sellerId, i => i.Str("delivery_status") == "sent");
        sent.GetProperty("delivery_attempts").GetInt32().ShouldBe(3);
        sent.GetProperty("delivery_error").ValueKind.ShouldBe(JsonValueKind.Null);
        sent.GetProperty("next_attempt_at").ValueKind.ShouldBe(JsonValueKind.Null);
        sent.GetProperty("delivered_at").ValueKind.ShouldBe(JsonValueKind.String);

        // The retried email carries a code that works, was never kept in clear, and is erased once sent.
        var received = api.Smtp.CodesFor(email).Concat(second.Smtp.CodesFor(email)).ShouldHaveSingleItem();
        code.ShouldNotBeNull().ShouldNotContain(received);   // kept until sent, never in clear
        (await api.Scalar<string>("SELECT pending_code FROM users.invitations WHERE user_id = $1", sellerId)).ShouldBeNull();
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = received, password = "seller-password" })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_mailbox_refused_for_good_is_given_up_at_once()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("nomailbox");
        SmtpCapture.Refuse(email, times: 5, "550 5.1.1 No such mailbox");

        var created = await (await client.PostJson($"/api/v1/integrations/stores/{store}/managers", new { name = "M", email })).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("manager").GetProperty("invitation_sent").GetBoolean().ShouldBeFalse();

        var failed = await InvitationOfAsync(tenant, created.Id("manager_id"), i => i.Str("delivery_status") != "pending");
        failed.Str("delivery_status").ShouldBe("failed");
        failed.Str("delivery_error").ShouldContain("No such mailbox");
        failed.GetProperty("delivery_attempts").GetInt32().ShouldBe(1);
        failed.GetProperty("next_attempt_at").ValueKind.ShouldBe(JsonValueKind.Null);
        await Task.Delay(1000);   // three retry periods: none came
        (await InvitationOfAsync(tenant, created.Id("manager_id"))).GetProperty("delivery_attempts").GetInt32().ShouldBe(1);
        (await api.Scalar<string>("SELECT pending_code FROM users.invitations WHERE user_id = $1", created.Id("manager_id"))).ShouldBeNull();
    }

    [Fact]
    public async Task An_invitation_written_by_a_host_that_stopped_before_sending_is_sent_by_another()
    {
        // What a host leaves when it stops between the creation's commit and its first attempt: the row, due, with its protected
        // code — written here as that host would have written it, with this run's shared data-protection keys.
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("orphan");
        var created = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email, send_invitation = false }))
            .ShouldBe(HttpStatusCode.Created);
        var code = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var protectedCode = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("RetailPerformer.Users.InvitationCode").Protect(code);
        await api.Execute("""
            INSERT INTO users.invitations (tenant_id, id, user_id, email, token_hash, expires_at, next_attempt_at, pending_code)
            VALUES ($1, gen_random_uuid(), $2, $3, sha256(convert_to($4, 'UTF8')), now() + interval '7 days', now(), $5)
            """, tenant.TenantId, created.Id("seller_id"), email, code, protectedCode);

        var sent = await InvitationOfAsync(tenant, created.Id("seller_id"), i => i.Str("delivery_status") == "sent");
        sent.GetProperty("delivery_attempts").GetInt32().ShouldBe(1);
        (api.Smtp.CodesFor(email).Concat(second.Smtp.CodesFor(email))).ShouldBe([code]);
        await (await api.Client().PostJson("/api/auth/accept-invitation", new { token = code, password = "seller-password" })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_hosts_retrying_the_same_emails_send_each_once()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var emails = Enumerable.Range(0, 12).Select(i => TestTenant.UniqueEmail($"twohosts{i}")).ToList();
        foreach (var email in emails) SmtpCapture.Refuse(email, times: 1);
        var people = new List<Guid>();
        foreach (var email in emails)
        {
            var created = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email })).ShouldBe(HttpStatusCode.Created);
            people.Add(created.Id("seller_id"));
        }
        foreach (var person in people) await InvitationOfAsync(tenant, person, i => i.Str("delivery_status") == "sent");
        foreach (var email in emails) (api.Smtp.CountFor(email) + second.Smtp.CountFor(email)).ShouldBe(1, email);
    }

    [Fact]
    public async Task A_newer_invitation_or_a_deleted_person_stops_the_retries_of_an_older_one()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var resent = TestTenant.UniqueEmail("resent");
        var deleted = TestTenant.UniqueEmail("deleted");
        SmtpCapture.Refuse(resent, times: 1000);
        SmtpCapture.Refuse(deleted, times: 1000);
        var first = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "S", email = resent })).ShouldBe(HttpStatusCode.Created);
        var other = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "D", email = deleted })).ShouldBe(HttpStatusCode.Created);
        // Their next attempts an hour away: what happens next comes while a retry is planned.
        await api.Execute("UPDATE users.invitations SET next_attempt_at = now() + interval '1 hour' WHERE user_id IN ($1, $2)",
            first.Id("seller_id"), other.Id("seller_id"));

        // Resent: the older invitation is void, no longer due, its code erased; the newer one is sent.
        SmtpCapture.Refuse(resent, times: 0);
        var again = await (await tenant.Gerant().PostJson("/api/gerant/invitations", new { user_id = first.Id("seller_id") })).ShouldBe(HttpStatusCode.Created);
        again.GetProperty("invitation_sent").GetBoolean().ShouldBeTrue();
        (await api.Scalar<long>("""
            SELECT count(*) FROM users.invitations WHERE user_id = $1 AND voided_at IS NOT NULL AND next_attempt_at IS NULL AND pending_code IS NULL
            """, first.Id("seller_id"))).ShouldBe(1);

        // Deleted: the next retry gives up, with the reason.
        await (await client.DeleteAsync($"/api/v1/integrations/users/{other.Id("seller_id")}")).ShouldBe(HttpStatusCode.OK);
        await api.Execute("UPDATE users.invitations SET next_attempt_at = now() WHERE user_id = $1", other.Id("seller_id"));
        var givenUp = await InvitationOfAsync(tenant, other.Id("seller_id"), i => i.Str("delivery_status") == "failed");
        givenUp.Str("delivery_error").ShouldBe("Not sent: this account is deleted");
        givenUp.GetProperty("next_attempt_at").ValueKind.ShouldBe(JsonValueKind.Null);
        (api.Smtp.CountFor(deleted) + second.Smtp.CountFor(deleted)).ShouldBe(0);
    }

    [Fact]
    public async Task The_invitations_list_filters_by_person_and_delivery_status_and_refuses_what_it_cannot_read()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var refused = TestTenant.UniqueEmail("refused");
        SmtpCapture.Refuse(refused, times: 1, "550 5.1.1 No such mailbox");
        var a = await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "A", email = refused })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "B", email = TestTenant.UniqueEmail("fine") })).ShouldBe(HttpStatusCode.Created);

        var mine = await (await tenant.Gerant().GetAsync($"/api/gerant/invitations?user_id={a.Id("seller_id")}")).ShouldBe(HttpStatusCode.OK);
        mine.GetProperty("invitations").EnumerateArray().Select(i => i.Str("email")).ShouldBe([refused]);
        var failed = await (await tenant.Gerant().GetAsync("/api/gerant/invitations?delivery_status=failed")).ShouldBe(HttpStatusCode.OK);
        failed.GetProperty("invitations").EnumerateArray().Select(i => i.Str("email")).ShouldBe([refused]);

        // Another chain's person: nothing (the filter never reaches across tenants).
        var (otherTenant, _, _) = await TestTenant.WithStoreAsync(api);
        var theirs = await (await otherTenant.Gerant().GetAsync($"/api/gerant/invitations?user_id={a.Id("seller_id")}")).ShouldBe(HttpStatusCode.OK);
        theirs.GetProperty("invitations").GetArrayLength().ShouldBe(0);

        (await (await tenant.Gerant().GetAsync("/api/gerant/invitations?user_id=nope")).ShouldBe(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("user_id", out _).ShouldBeTrue();
        (await (await tenant.Gerant().GetAsync("/api/gerant/invitations?delivery_status=lost")).ShouldBe(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("delivery_status", out _).ShouldBeTrue();
    }

    /// <summary>The person's latest invitation as the gérant lists it, once <paramref name="until"/> holds (10 s at most).</summary>
    private async Task<JsonElement> InvitationOfAsync(TestTenant tenant, Guid userId, Func<JsonElement, bool>? until = null)
    {
        for (var i = 0; ; i++)
        {
            var listed = await (await tenant.Gerant().GetAsync($"/api/gerant/invitations?user_id={userId}")).ShouldBe(HttpStatusCode.OK);
            var latest = listed.GetProperty("invitations").EnumerateArray().First();
            if (until is null || until(latest)) return latest;
            if (i == 100) throw new ShouldAssertException($"The invitation never got there: {latest}");
            await Task.Delay(100);
        }
    }
}
