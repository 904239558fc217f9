using System.Security.Cryptography;
using System.Text;

namespace RetailPerformer.Webhooks.Data;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> then the base64 HMAC-SHA256 of <c>id.timestamp.body</c> under the secret's
/// key, over the exact bytes sent; several (during a rotation) separated by spaces in one <c>webhook-signature</c>.
/// </summary>
internal static class Signatures
{
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.KeyOf(secret), signed));
    }

    public static string Header(IEnumerable<string> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var signatures = new List<string>();
        foreach (var secret in secrets) signatures.Add(Sign(secret, id, timestamp, body));
        return string.Join(' ', signatures);
    }
}
