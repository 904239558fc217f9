using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.InvitationPage;

public sealed class InvitationPageTests(PublicUrlApiFactory api) : IClassFixture<PublicUrlApiFactory>
{
    private static FormUrlEncodedContent Form(string token, string password, string confirmation) =>
        new(new Dictionary<string, string> { ["token"] = token, ["password"] = password, ["password_confirmation"] = confirmation });

    [Fact]
    public async Task The_emailed_link_uses_the_public_url_and_opens_a_page_where_the_person_chooses_a_password()
    {
        var (_, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("seller");
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Lucas Bernard", email })).ShouldBe(HttpStatusCode.Created);

        var link = api.LinkFor(email);
        link.ShouldStartWith(PublicUrlApiFactory.PublicUrl + "/accept-invitation?token=");
        var path = link[PublicUrlApiFactory.PublicUrl.Length..];

        var page = await api.Client().GetAsync(path);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Bonjour Lucas Bernard");
        html.ShouldContain("""<label for="password">""");
        html.ShouldContain("""<label for="password_confirmation">""");

        // Two different passwords: the page says so, nothing is set.
        var mismatch = await api.Client().PostAsync("/accept-invitation", Form(InvitationOutbox.TokenOf(link), "seller-password", "seller-passw0rd"));
        mismatch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await mismatch.Content.ReadAsStringAsync()).ShouldContain("Les deux mots de passe ne sont pas identiques.");
        (await api.Scalar<string>("SELECT password_hash FROM users.users WHERE email = $1", email)).ShouldBeNull();

        var accepted = await api.Client().PostAsync("/accept-invitation", Form(InvitationOutbox.TokenOf(link), "seller-password", "seller-password"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await accepted.Content.ReadAsStringAsync()).ShouldContain("Mot de passe enregistré");
        await TestTenant.SignInAsync(api, email, "seller-password");

        // Single use: the same link now says it cannot be used.
        (await api.Client().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Client().PostAsync("/accept-invitation", Form(InvitationOutbox.TokenOf(link), "other-password", "other-password"))).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_page_escapes_what_people_typed()
    {
        var (_, client, store) = await TestTenant.WithStoreAsync(api);
        var email = TestTenant.UniqueEmail("seller");
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "<script>alert(1)</script>", email })).ShouldBe(HttpStatusCode.Created);
        var html = await (await api.Client().GetAsync(api.LinkFor(email)[PublicUrlApiFactory.PublicUrl.Length..])).Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
