using System.Net;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using RetailPerformer.Users.Data;

namespace RetailPerformer.Tests.Users;

public sealed class AuthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Register_creates_a_gerant_and_a_tenant()
    {
        var email = TestTenant.UniqueEmail();
        var response = await api.Client().PostJson("/api/auth/register", new { name = "Alice Martin", email, password = "password123" });
        var body = await response.ShouldBe(HttpStatusCode.Created);

        body.Str("name").ShouldBe("Alice Martin");
        body.Str("email").ShouldBe(email);
        body.Str("role").ShouldBe("gerant");
        body.Id("id").ShouldNotBe(Guid.Empty);
        (await api.Scalar<long>("SELECT count(*) FROM users.tenants WHERE id = $1", body.Id("tenant_id"))).ShouldBe(1);
        // Stored hashed, never in clear.
        var hash = await api.Scalar<string>("SELECT password_hash FROM users.users WHERE id = $1", body.Id("id"));
        hash.ShouldNotBeNull();
        hash.ShouldNotContain("password123");
    }

    [Fact]
    public async Task Register_with_an_email_already_registered_in_any_case_is_400()
    {
        var email = TestTenant.UniqueEmail();
        await (await api.Client().PostJson("/api/auth/register", new { name = "A", email, password = "password123" })).ShouldBe(HttpStatusCode.Created);

        var again = await api.Client().PostJson("/api/auth/register", new { name = "B", email = "  " + email.ToUpperInvariant(), password = "password456" });

        await again.ShouldBeProblem(HttpStatusCode.BadRequest, UserMessages.EmailAlreadyRegistered);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", email)).ShouldBe(1);
        (await api.Scalar<long>("SELECT count(*) FROM users.tenants t WHERE NOT EXISTS (SELECT 1 FROM users.users u WHERE u.tenant_id = t.id)")).ShouldBe(0);
    }

    [Theory]
    [InlineData(null, "x@example.test", "password123", "name")]
    [InlineData("A", null, "password123", "email")]
    [InlineData("A", "not-an-email", "password123", "email")]
    [InlineData("A", "x@example.test", null, "password")]
    [InlineData("A", "x@example.test", "short", "password")]
    public async Task Register_with_a_missing_or_malformed_field_is_400_naming_it_and_writes_nothing(string? name, string? email, string? password, string field)
    {
        var unique = email?.Replace("x@", $"x{Guid.NewGuid():N}@");
        var body = await (await api.Client().PostJson("/api/auth/register", new { name, email = unique, password })).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.GetRawText());
        if (unique is not null)
            (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", unique)).ShouldBe(0);
    }

    [Fact]
    public async Task Login_returns_a_token_its_lifetime_and_the_user()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var body = await (await api.Client().PostJson("/api/auth/login", new { email = tenant.Email.ToUpperInvariant(), password = TestTenant.Password }))
            .ShouldBe(HttpStatusCode.OK);

        body.Str("token").Length.ShouldBeGreaterThan(40);
        body.Str("expiresIn").ShouldBe("1h");
        var user = body.GetProperty("user");
        user.Id("id").ShouldBe(tenant.GerantId);
        user.Str("role").ShouldBe("gerant");
        user.Str("email").ShouldBe(tenant.Email);
    }

    [Fact]
    public async Task Login_with_an_unknown_email_is_401_and_the_password_never_reaches_the_log()
    {
        const string password = "my-very-secret-password";
        await (await api.Client().PostJson("/api/auth/login", new { email = TestTenant.UniqueEmail(), password }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, UserMessages.InvalidCredentials);
        api.Logs.Contain(password).ShouldBeFalse();
        api.Logs.Contain(TestTenant.Password).ShouldBeFalse();
    }

    [Fact]
    public async Task Me_needs_a_valid_token()
    {
        await (await api.Client().GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await TestTenant.WithBearer(api, "garbage-token").GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);

        var tenant = await TestTenant.CreateAsync(api);
        var me = await (await tenant.Gerant().GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
        me.Id("id").ShouldBe(tenant.GerantId);
        me.Id("tenant_id").ShouldBe(tenant.TenantId);
    }

    [Fact]
    public async Task An_api_key_is_not_a_bearer_token_of_the_app_api()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stores:read");
        await (await TestTenant.WithBearer(api, key.Secret).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await TestTenant.WithBearer(api, tenant.Token).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Change_password_returns_a_fresh_token_and_refuses_every_older_one()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var oldToken = tenant.Token;
        var secondOldToken = await TestTenant.SignInAsync(api, tenant.Email, TestTenant.Password);

        var changed = await (await tenant.Gerant().PatchAsync("/api/auth/change-password",
            System.Net.Http.Json.JsonContent.Create(new { currentPassword = TestTenant.Password, newPassword = "brand-new-password" })))
            .ShouldBe(HttpStatusCode.OK);
        changed.Str("message").ShouldBe("Mot de passe changé avec succès");
        changed.Str("expiresIn").ShouldBe("1h");

        await (await TestTenant.WithBearer(api, oldToken).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await TestTenant.WithBearer(api, secondOldToken).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await TestTenant.WithBearer(api, changed.Str("token")).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await api.Client().PostJson("/api/auth/login", new { email = tenant.Email, password = TestTenant.Password })).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Change_password_with_a_wrong_current_password_or_a_short_new_one_is_400_and_changes_nothing()
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await tenant.Gerant().PatchAsync("/api/auth/change-password",
            System.Net.Http.Json.JsonContent.Create(new { currentPassword = "not-my-password", newPassword = "brand-new-password" })))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Current password is incorrect");
        var tooShort = await (await tenant.Gerant().PatchAsync("/api/auth/change-password",
            System.Net.Http.Json.JsonContent.Create(new { currentPassword = TestTenant.Password, newPassword = "short" }))).ShouldBe(HttpStatusCode.BadRequest);
        tooShort.GetProperty("errors").TryGetProperty("newPassword", out _).ShouldBeTrue();

        await (await tenant.Gerant().GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
    }
}
