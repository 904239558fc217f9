using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.ApiReference;

/// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c>: product text, servers and both security schemes.</summary>
internal static class OpenApiSetup
{
    public const string ApiKeyScheme = ApiKeyGate.SchemeName;
    public const string BearerScheme = "Bearer";

    private static OpenApiHeader RateHeader(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" } };

    public static IServiceCollection AddRetailPerformerOpenApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddContractSchemas();
            options.AddErrorResponses();
            options.AddReferenceLayout();
            options.AddWebhookEvents();
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Retail Performer API",
                    Version = "1.2",
                    Contact = new OpenApiContact { Name = "Retail Performer", Email = "contact@retailperformerai.com" },
                    Description = """
                        The integration API through which retail chains connect their point-of-sale, ERP and payroll
                        software (and n8n automations) to Retail Performer, and the app API behind the web app.

                        **Integration API** — two route families serve the same handlers: `/api/v1/integrations/…`
                        (v1.2 guide; creations answer `201 Created` + `Location`) and `/api/integrations/…`
                        (v1.0 notice; creations answer `200 OK`). Authenticate with `X-API-Key: rp_live_…`
                        (or `Authorization: Bearer rp_live_…`). Each route needs one scope; v1.2 aliases
                        (`write:kpi`, `read:stats`, `write:stores`, `write:users`) are accepted everywhere.

                        **App API** — `/api/auth/…`, `/api/gerant/…`, `/api/seller/…`, `/api/manager/…` take the bearer
                        token returned by `POST /api/auth/login`.

                        Errors are RFC 9457 problem details; 429 and 503 carry `Retry-After`.
                        """,
                };
                // From configuration, never from the request: a Host header is whatever the caller wrote, and a
                // document cached or shared with that URL would send integrators (and their keys) elsewhere.
                document.Servers = [new OpenApiServer { Url = PublicUrl.Of(configuration), Description = "Retail Performer API" }];

                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyGate.HeaderName,
                    Description = "An API key issued by a gérant (rp_live_…). `Authorization: Bearer <key>` is accepted as an alias.",
                };
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The token returned by POST /api/auth/login (app API).",
                };
                return Task.CompletedTask;
            });

            // Examples from the seeds (ExampleBodies metadata): on the JSON request body and on the success answer.
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ExampleBodies>().FirstOrDefault() is not { } example)
                    return Task.CompletedTask;
                if (example.Request is not null && operation.RequestBody?.Content is { } requestContent
                    && requestContent.TryGetValue("application/json", out var requestType))
                    requestType.Example = JsonNode.Parse(example.Request);
                if (example.Response is not null && operation.Responses is { } responses)
                {
                    var success = responses.FirstOrDefault(r => r.Key is "200" or "201" or "202").Value;
                    if (success?.Content is { } responseContent && responseContent.TryGetValue("application/json", out var responseType))
                        responseType.Example = JsonNode.Parse(example.Response);
                }
                return Task.CompletedTask;
            });

            // The key's rate budget, on every answer an integration route gives a valid key (all but 401).
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyRequirement>().Any() || operation.Responses is null)
                    return Task.CompletedTask;
                foreach (var (status, response) in operation.Responses)
                {
                    if (status == "401" || response is not OpenApiResponse answer) continue;
                    answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    answer.Headers[ApiKeyGate.LimitHeader] = RateHeader("Requests the key's bucket holds (its burst).");
                    answer.Headers[ApiKeyGate.RemainingHeader] = RateHeader("Requests left in it now.");
                    answer.Headers[ApiKeyGate.ResetHeader] = RateHeader("Seconds until it is whole again.");
                }
                return Task.CompletedTask;
            });

            // Idempotency-Key, where a route honours it.
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentMetadata>().Any()) return Task.CompletedTask;
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKeys.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Makes a retry safe: within 24 hours, the same key with the same request replays the first answer (marked " +
                                  "`Idempotent-Replayed: true`); with another request it is 422; while the first runs, 409. Keys are per API key " +
                                  "(per person for key creation); 1 to 255 printable ASCII characters, a UUID for instance.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeys.MaximumLength },
                    Example = System.Text.Json.Nodes.JsonValue.Create("4f1c1a52-1d7e-4b59-9f3a-0c8b5f1e2d33"),
                });
                return Task.CompletedTask;
            });

            // Who may call: an integration route names the scope its key needs (OpenAPI 3.1 lets any scheme list
            // them; one requirement per accepted scope, since the requirements of a list are alternatives); an app
            // route needs the bearer token of a signed-in person.
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<ApiKeyRequirement>().LastOrDefault() is { } apiKey)
                {
                    var key = new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document);
                    operation.Security = apiKey.AcceptedScopes.Count == 0
                        ? [new OpenApiSecurityRequirement { [key] = [] }]
                        : apiKey.AcceptedScopes.Select(scope => new OpenApiSecurityRequirement { [key] = [scope] }).ToList();
                }
                else if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                }
                return Task.CompletedTask;
            });
        });
}
