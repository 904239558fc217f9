using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RetailPerformer.Webhooks.Data;

/// <summary>
/// Endpoint secrets: <c>whsec_</c> and 32 random bytes in base64 (the Standard Webhooks form), shown once; stored
/// protected by the host's data-protection keys (the signing needs the secret itself, so a hash would not do).
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";
    private readonly IDataProtector _protector = protection.CreateProtector("RetailPerformer.Webhooks.EndpointSecret");

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored) => _protector.Unprotect(stored);

    /// <summary>The HMAC key a secret stands for: the bytes after the prefix.</summary>
    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret[Prefix.Length..]);
}
