namespace RetailPerformer.Webhooks.Data;

/// <param name="FailingSince">When the current run of failed deliveries began; null while deliveries succeed.</param>
/// <param name="DisabledReason">Why the platform disabled the endpoint (failing for too long); null otherwise.</param>
public sealed record WebhookEndpointResponse(
    Guid Id, string Url, string[] EventTypes, string Description, bool Enabled, DateTime? FailingSince, string? DisabledReason,
    DateTime? PreviousSecretUntil, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal static WebhookEndpointResponse From(EndpointRow row) => new(
        row.Id, row.Url, row.EventTypes, row.Description, row.Enabled, row.FailingSince, row.DisabledReason, row.PreviousSecretUntil,
        row.CreatedAt, row.UpdatedAt);
}
