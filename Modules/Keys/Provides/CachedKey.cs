using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Keys.Provides;

/// <summary>A key as authentication needs it; null in the cache means "no such key".</summary>
internal sealed record CachedKey(ApiKeyCaller Caller, bool Active)
{
    /// <summary>The answer for a valid, unexpired key, built once rather than on every request.</summary>
    public ApiKeyAuthentication Valid { get; } = new(ApiKeyStatus.Valid, Caller);
}
