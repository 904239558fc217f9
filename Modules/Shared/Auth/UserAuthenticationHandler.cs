using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailPerformer.Shared.Http;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// The app API's scheme: the framework's bearer token (<c>AddBearerToken</c>), plus the check the
/// framework cannot make on its own — the token's security stamp is still the person's current one
/// (a password change revokes every older token) and the person is neither suspended nor deleted.
/// </summary>
public sealed class UserAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IUserSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "User";
    public const string TokenRequired = "A valid bearer token is required (sign in with POST /api/auth/login)";
    /// <summary>The framework's bearer-token scheme, which this one wraps.</summary>
    public const string TokenSchemeName = BearerTokenDefaults.AuthenticationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var inner = await Context.AuthenticateAsync(TokenSchemeName);
        if (inner.None) return AuthenticateResult.NoResult();
        if (!inner.Succeeded || inner.Principal is null) return AuthenticateResult.Fail("invalid token");

        var user = AppUser.FromPrincipal(inner.Principal);
        var stamp = inner.Principal.FindFirst(AppUser.SecurityStampClaim)?.Value;
        if (user is null || stamp is null) return AuthenticateResult.Fail("invalid token");
        if (!await sessions.IsCurrentAsync(user.TenantId, user.UserId, stamp, Context.RequestAborted))
            return AuthenticateResult.Fail("token revoked");

        return AuthenticateResult.Success(new AuthenticationTicket(inner.Principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, TokenRequired);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Your role does not allow this action");
}
