using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Host.ApiReference;

/// <summary>
/// The document's <c>webhooks</c> section (OpenAPI 3.1): one POST per event type, as the receiver gets it — the
/// Standard Webhooks headers and the body <c>{id, type, timestamp, data}</c> whose <c>data</c> is the event's record
/// (<see cref="EventTypes.Catalog"/>), with an example — so that a generated client types the payloads too.
/// </summary>
internal static class WebhookEvents
{
    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(KpiSyncedData)] = new KpiSyncedData(Guid.Parse("6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"), new DateOnly(2025, 12, 8), 12, 0, "caisse",
            Guid.Parse("3f6c2d1e-8b7a-4c5d-9e0f-1a2b3c4d5e6f"), null),
        [typeof(StoreEventData)] = new StoreEventData(Guid.Parse("6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"), "Skyco Marseille", "MAR-01", true),
        [typeof(UserEventData)] = new UserEventData(Guid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"), "seller", "Lucas Bernard",
            "lucas.bernard@skyco.fr", Guid.Parse("6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"), "active", "VEND-042"),
        [typeof(ApiKeyEventData)] = new ApiKeyEventData(Guid.Parse("3f6c2d1e-8b7a-4c5d-9e0f-1a2b3c4d5e6f"), "Caisse Skyco",
            new DateTime(2026, 12, 8, 10, 0, 0, DateTimeKind.Utc), null),
        [typeof(TestEventData)] = new TestEventData(Guid.Parse("7a1c0e52-4f3b-4d8e-9a6b-2c5d8e1f0a93"), "Hello from Retail Performer"),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void AddWebhookEvents(this OpenApiOptions options) =>
        options.AddDocumentTransformer(async (document, context, cancellationToken) =>
        {
            document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
            foreach (var (type, (data, description)) in EventTypes.Catalog)
            {
                var body = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "id", "type", "timestamp", "data" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The event's id; the same in `webhook-id` and in every retry or replay." },
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type)] },
                        ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When it happened." },
                        ["data"] = await context.GetOrCreateSchemaAsync(data, null, cancellationToken),
                    },
                };
                var example = new JsonObject
                {
                    ["id"] = "01937a2b-9c4d-7e8f-a0b1-c2d3e4f5a6b7", ["type"] = type, ["timestamp"] = "2025-12-09T02:00:12Z",
                    ["data"] = JsonSerializer.SerializeToNode(Examples[data], data, Json),
                };
                document.Webhooks[type] = new OpenApiPathItem
                {
                    Operations = new Dictionary<HttpMethod, OpenApiOperation>
                    {
                        [HttpMethod.Post] = new()
                        {
                            OperationId = "Webhook_" + type.Replace('.', '_'),
                            Summary = type,
                            Description = description + " Verify `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of `webhook-id.webhook-timestamp.body` under the endpoint's secret, the bytes after `whsec_` decoded from base64) over the raw body before parsing it; during a secret rotation it holds two signatures separated by a space.",
                            Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                            Security = [],   // we call the receiver; it proves the call is ours by the signature, not by a credential
                            Parameters =
                            [
                                Header("webhook-id", "The event's id: deduplicate on it."),
                                Header("webhook-timestamp", "Unix seconds when this attempt was sent: refuse one too old (replays)."),
                                Header("webhook-signature", "`v1,<base64>`, space-separated when the secret is being rotated."),
                            ],
                            RequestBody = new OpenApiRequestBody
                            {
                                Required = true,
                                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body, Example = example } },
                            },
                            Responses = new OpenApiResponses
                            {
                                ["200"] = new OpenApiResponse { Description = "Any 2xx within 10 seconds acknowledges the event. A timeout, a 5xx or a 429 (`Retry-After` honoured) is retried over about a day; any other answer gives up." },
                            },
                        },
                    },
                };
            }
        });

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = true, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
