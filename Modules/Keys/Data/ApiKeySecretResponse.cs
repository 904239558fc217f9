
namespace RetailPerformer.Keys.Data;

/// <summary>The answer of a creation or regeneration: the only time the secret is shown.</summary>
public sealed record ApiKeySecretResponse(string Key, string Warning, ApiKeyResponse ApiKey)
{
    public const string ShownOnce = "Copy this key now: it will not be shown again.";
}
