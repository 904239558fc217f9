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
    /// <param name="connectionItems">The items of the HTTP/1.x connection the key came on (null otherwise: HTTP/2 runs a
    /// connection's requests at once), where the module may remember what it worked out from the key the connection presented
    /// last: a client on a kept-alive connection presents the same key on every request.</param>
    ValueTask<ApiKeyAuthentication> AuthenticateAsync(string presentedKey, IDictionary<object, object?>? connectionItems,
        CancellationToken cancellationToken);
}
