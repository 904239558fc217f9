using System.Net;
using System.Security.Cryptography;
using System.Text;
using RetailPerformer.Tests.Infrastructure;

namespace RetailPerformer.Tests.Webhooks;

/// <summary>An endpoint created through the API, and the independent check of the Standard Webhooks signatures it receives.</summary>
public sealed record Webhook(Guid Id, string Secret)
{
    public static async Task<Webhook> CreateAsync(TestTenant tenant, string url, params string[] eventTypes)
    {
        var body = await (await tenant.Gerant().PostJson("/api/gerant/webhooks", new { url, event_types = eventTypes }))
            .ShouldBe(HttpStatusCode.Created);
        return new Webhook(body.GetProperty("endpoint").Id("id"), body.Str("secret"));
    }

    /// <summary>
    /// The Standard Webhooks computation, written here from the specification rather than taken from the host: the key is
    /// the base64 after <c>whsec_</c>; the signed content is <c>id.timestamp.</c> followed by the body's exact bytes.
    /// </summary>
    public static string Expected(string secret, WebhookReceiver.Received request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.").Concat(request.Body).ToArray();
        using var hmac = new HMACSHA256(key);
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(content));
    }

    public bool Signed(WebhookReceiver.Received request) => request.Header("webhook-signature").Split(' ').Contains(Expected(Secret, request));
}
