using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RetailPerformer.Webhooks.Data;

/// <summary>
/// Endpoint secrets: <c>whsec_</c> and the HMAC key in base64 (the Standard Webhooks form), shown once; stored protected by
/// the host's data-protection keys (the signing needs the secret itself, so a hash would not do). The key is 32 random bytes
/// written as base64url text (43 ASCII bytes, 256 bits of chance): tools that take an HMAC key as text — n8n's Crypto node,
/// after <c>.base64Decode()</c> — can then verify a signature, which raw random bytes (rarely valid UTF-8) would not allow.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";
    private readonly IDataProtector _protector = protection.CreateProtector("RetailPerformer.Webhooks.EndpointSecret");

    public static string New() =>
        Prefix + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored) => _protector.Unprotect(stored);

    /// <summary>The HMAC key a secret stands for: the bytes after the prefix.</summary>
    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret[Prefix.Length..]);
}
