using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// Who is calling the integration API, resolved once from the API key by <see cref="ApiKeyGate"/>.
/// Slices take it as a parameter and never read the key themselves.
/// </summary>
/// <param name="AllowedStoreIds">null when the key reaches every store of the tenant.</param>
/// <param name="RatePerSecond">The key's own sustained rate; null: the product's default.</param>
public sealed record ApiKeyCaller(
    Guid KeyId,
    string KeyName,
    Guid TenantId,
    Guid GerantId,
    IReadOnlySet<string> Scopes,
    IReadOnlySet<Guid>? AllowedStoreIds,
    DateTimeOffset? ExpiresAt,
    int? RatePerSecond = null)
{
    public bool IsRestricted => AllowedStoreIds is not null;

    private ClaimsPrincipal? _principal;

    /// <summary>
    /// The caller as <c>HttpContext.User</c> (key id, tenant, scopes), built once per cached key rather than on every
    /// request. Never mutated after it is built.
    /// </summary>
    public ClaimsPrincipal Principal => _principal ??= BuildPrincipal();

    private ClaimsPrincipal BuildPrincipal()
    {
        var claims = new List<Claim>
        {
            new(ApiKeyGate.KeyIdClaim, KeyId.ToString()),
            new(AppUser.TenantIdClaim, TenantId.ToString()),
        };
        claims.AddRange(Scopes.Select(s => new Claim(ApiKeyGate.ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyGate.SchemeName));
    }

    /// <summary>Who the caller is, without the principal built from it (a cache, not part of its identity).</summary>
    public bool Equals(ApiKeyCaller? other) =>
        other is not null && KeyId == other.KeyId && KeyName == other.KeyName && TenantId == other.TenantId && GerantId == other.GerantId
        && Equals(Scopes, other.Scopes) && Equals(AllowedStoreIds, other.AllowedStoreIds) && ExpiresAt == other.ExpiresAt
        && RatePerSecond == other.RatePerSecond;

    public override int GetHashCode() => HashCode.Combine(KeyId, KeyName, TenantId, GerantId, Scopes, AllowedStoreIds, ExpiresAt, RatePerSecond);

    public bool CanAccessStore(Guid storeId) => AllowedStoreIds is null || AllowedStoreIds.Contains(storeId);

    /// <summary>Minimal API binding: the gate stored the caller as a request feature.</summary>
    public static ValueTask<ApiKeyCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Features.Get<ApiKeyCaller>());
}
