using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace RetailPerformer.Shared.Auth;

/// <summary>Issues the app API's bearer tokens with the framework's protector (the same one that reads them).</summary>
public sealed class UserTokens(IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    /// <summary>How the auth seed spells the lifetime.</summary>
    public const string LifetimeText = "1h";

    public string Issue(Guid userId, Guid tenantId, string role, Guid? storeId, string securityStamp)
    {
        var claims = new List<Claim>
        {
            new(AppUser.UserIdClaim, userId.ToString()),
            new(AppUser.TenantIdClaim, tenantId.ToString()),
            new(AppUser.RoleClaim, role),
            new(AppUser.SecurityStampClaim, securityStamp),
        };
        if (storeId is { } s) claims.Add(new Claim(AppUser.StoreIdClaim, s.ToString()));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, UserAuthenticationHandler.TokenSchemeName));
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime };
        var ticket = new AuthenticationTicket(principal, properties, UserAuthenticationHandler.TokenSchemeName);
        return options.Get(UserAuthenticationHandler.TokenSchemeName).BearerTokenProtector.Protect(ticket);
    }
}
