using System.Text.Json;

namespace RetailPerformer.Webhooks.Data;

/// <summary>How events are written: the API's own JSON (snake_case), so a payload reads like the answers the integrator knows.</summary>
internal static class WebhookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
