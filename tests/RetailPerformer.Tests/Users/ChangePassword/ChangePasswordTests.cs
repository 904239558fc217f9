using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.ChangePassword;

public sealed class ChangePasswordTests(ApiFactory api) : IClassFixture<ApiFactory>
{
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
