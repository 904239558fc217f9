using RetailPerformer.Shared.Auth;

namespace RetailPerformer.Shared.Contracts.Keys;

public enum ApiKeyStatus { Valid, Invalid, Expired, Revoked }

/// <param name="Caller">The key's caller: for a valid key, who calls; for a revoked or expired one, whose key it was (never admitted).</param>
public sealed record ApiKeyAuthentication(ApiKeyStatus Status, ApiKeyCaller? Caller)
{
    public static readonly ApiKeyAuthentication Invalid = new(ApiKeyStatus.Invalid, null);
}

/// <summary>Implemented by the Keys module: turns a presented secret into a caller, or says why not.</summary>
public interface IApiKeyAuthenticator
{
    ValueTask<ApiKeyAuthentication> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);
}
