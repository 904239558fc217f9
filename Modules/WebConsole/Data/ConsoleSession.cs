using System.Security.Claims;

namespace RetailPerformer.WebConsole.Data;

/// <summary>
/// A person signed in to the console: a cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) of its own scheme, beside
/// the JSON API's bearer tokens. It carries the bearer token the API gave at sign-in, through which every page acts
/// (so the API's rules and messages are the console's); when the API refuses that token — password changed, person
/// suspended or deleted, an hour gone — the console signs the person out.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = "Console";
    public const string GerantPolicy = "console:gerant";
    public const string SignedInPolicy = "console:signed-in";
    /// <summary>A gérant, or a manager (their own store).</summary>
    public const string StaffPolicy = "console:staff";
    public const string TokenClaim = "rp:console_token";
    public const string TenantClaim = AppUser.TenantIdClaim;
    public const string RoleClaim = AppUser.RoleClaim;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static ClaimsPrincipal Principal(string token, Guid userId, string name, string email, string role, Guid tenantId) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.Email, email),
            new Claim(RoleClaim, role),
            new Claim(TenantClaim, tenantId.ToString()),
            new Claim(TokenClaim, token),
        ], Scheme, ClaimTypes.Name, RoleClaim));

    public static string? TokenOf(ClaimsPrincipal user) => user.FindFirst(TokenClaim)?.Value;

    public static Guid TenantOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirst(TenantClaim)!.Value);
}
