using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Auth;

/// <summary>A person signed in to the app API with a bearer token (gérant, manager or seller).</summary>
public sealed record AppUser(Guid UserId, Guid TenantId, string Role, Guid? StoreId)
{
    public const string UserIdClaim = "rp:user_id";
    public const string TenantIdClaim = "rp:tenant_id";
    public const string RoleClaim = "rp:role";
    public const string StoreIdClaim = "rp:store_id";
    /// <summary>Changes with the password: a token carrying an older stamp is refused.</summary>
    public const string SecurityStampClaim = "rp:stamp";

    public static AppUser? FromPrincipal(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirstValue(UserIdClaim), out var userId)) return null;
        if (!Guid.TryParse(principal.FindFirstValue(TenantIdClaim), out var tenantId)) return null;
        var role = principal.FindFirstValue(RoleClaim);
        if (role is null) return null;
        Guid? storeId = Guid.TryParse(principal.FindFirstValue(StoreIdClaim), out var s) ? s : null;
        return new AppUser(userId, tenantId, role, storeId);
    }

    public static ValueTask<AppUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(FromPrincipal(context.User));
}
