namespace RetailPerformer.Webhooks.Data;

/// <param name="Secret">The signing secret (<c>whsec_…</c>): shown in this answer only.</param>
public sealed record WebhookSecretResponse(string Secret, string Warning, WebhookEndpointResponse Endpoint)
{
    internal const string ShownOnce = "Store this secret now: it is shown only once. Verify every delivery's webhook-signature with it.";
}
