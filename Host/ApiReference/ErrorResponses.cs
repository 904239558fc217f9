using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.ApiReference;

/// <summary>
/// Every error an operation can answer, documented as what it is on the wire: <c>application/problem+json</c> of
/// one schema (<c>Problem</c>: RFC 9457 plus <c>trace_id</c>, and <c>errors</c> on a 400 naming fields), with
/// examples carrying the messages the API really answers — the route's own (<see cref="ProblemExample"/>) and those
/// of the steps every route of its kind passes (the key's gate, the role policies, idempotency, the database) —
/// and the headers that come with them (<c>WWW-Authenticate</c>, <c>Retry-After</c>).
/// </summary>
internal static class ErrorResponses
{
    public const string ProblemSchema = "Problem";
    public const string RetryAfterHeader = "Retry-After";
    public const string WwwAuthenticateHeader = "WWW-Authenticate";
    private const string ProblemMediaType = "application/problem+json";

    /// <summary>The <c>type</c> and <c>title</c> ASP.NET Core's problem-details service writes for each status (it knows no type for 429).</summary>
    private static readonly Dictionary<int, (string? Type, string Title)> Kinds = new()
    {
        [400] = ("https://tools.ietf.org/html/rfc9110#section-15.5.1", "Bad Request"),
        [401] = ("https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized"),
        [403] = ("https://tools.ietf.org/html/rfc9110#section-15.5.4", "Forbidden"),
        [404] = ("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found"),
        [409] = ("https://tools.ietf.org/html/rfc9110#section-15.5.10", "Conflict"),
        [422] = ("https://tools.ietf.org/html/rfc9110#section-15.5.21", "Unprocessable Entity"),
        [429] = (null, "Too Many Requests"),
        [503] = ("https://tools.ietf.org/html/rfc9110#section-15.6.4", "Service Unavailable"),
    };

    public static void AddErrorResponses(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            // The framework's own problem schemas are no longer referenced by any operation.
            document.Components.Schemas.Remove("ProblemDetails");
            document.Components.Schemas.Remove("HttpValidationProblemDetails");
            document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
            document.Components.Headers[RetryAfterHeader] = new OpenApiHeader
            {
                Description = "Seconds to wait before retrying (at least 1).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
            document.Components.Headers[WwwAuthenticateHeader] = new OpenApiHeader
            {
                Description = "The credentials expected: `ApiKey header=\"X-API-Key\"` on the integration API, `Bearer` on the app API.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var isIntegration = metadata.OfType<ApiKeyRequirement>().Any();
            var anonymous = !ReferenceLayout.NeedsCredentials(metadata);
            operation.Responses ??= new OpenApiResponses();

            var examples = new List<(int Status, string Name, JsonObject Value)>();
            foreach (var declared in metadata.OfType<ProblemExample>())
                examples.Add((declared.Status, NameOf(declared.Detail),
                    declared.Field is { } field ? Validation(field, declared.Detail) : Example(declared.Status, declared.Detail)));
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && FirstRequired(body.Schema, context.Document) is { } required)
                examples.Add((400, "missing_field", Validation(required, $"'{required}' must not be empty.")));
            if (isIntegration)
            {
                examples.Add((401, "api_key_missing", Example(401, "API key missing")));
                examples.Add((401, "api_key_revoked", Example(401, "API key revoked")));
                if (metadata.OfType<ApiKeyRequirement>().Last().AcceptedScopes.FirstOrDefault() is { } scope)
                    examples.Add((403, "insufficient_permissions", Example(403, ProblemMessages.InsufficientPermissions(scope))));
                examples.Add((429, "rate_limited", Example(429, ProblemMessages.RateLimited)));
            }
            else if (!anonymous)
            {
                examples.Add((401, "token_required", Example(401, UserAuthenticationHandler.TokenRequired)));
                foreach (var policy in metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Distinct())
                    if (Policies.RolesOf(policy) is { Count: > 0 } roles)
                        examples.Add((403, "reserved_role", Example(403, new RoleRequirement([.. roles]).FailureMessage)));
            }
            if (metadata.OfType<IdempotentMetadata>().Any())
            {
                examples.Add((400, "malformed_idempotency_key", Example(400, IdempotencyKeys.Malformed)));
                examples.Add((409, "idempotency_key_in_use", Example(409, IdempotencyKeys.InProgress)));
                examples.Add((422, "idempotency_key_reused", Example(422, IdempotencyKeys.Mismatch)));
            }
            // Every route but liveness reads the database, and says so when it cannot.
            if (context.Description.RelativePath != "health")
                examples.Add((503, "database_unavailable", Example(503, ProblemMessages.DatabaseUnavailable)));

            foreach (var group in examples.GroupBy(e => e.Status))
            {
                var key = group.Key.ToString();
                if (!operation.Responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
                    operation.Responses[key] = response = new OpenApiResponse();
                response.Description = DescriptionOf(group.Key);
                response.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new()
                    {
                        Schema = new OpenApiSchemaReference(ProblemSchema, context.Document),
                        Examples = group.DistinctBy(e => e.Name).ToDictionary(e => e.Name, e => (IOpenApiExample)new OpenApiExample
                        {
                            Summary = e.Value["detail"]!.GetValue<string>(),
                            Value = e.Value,
                        }),
                    },
                };
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                if (group.Key is 429 or 503) response.Headers[RetryAfterHeader] = new OpenApiHeaderReference(RetryAfterHeader, context.Document);
                if (group.Key is 401) response.Headers[WwwAuthenticateHeader] = new OpenApiHeaderReference(WwwAuthenticateHeader, context.Document);
            }

            // An error status declared without any example would be a response nobody can read: none is left.
            foreach (var (status, response) in operation.Responses.ToList())
                if (int.TryParse(status, out var code) && code >= 400 && examples.All(e => e.Status != code))
                    throw new InvalidOperationException($"{context.Description.HttpMethod} /{context.Description.RelativePath} declares {status} without a documented message (add .DocumentsProblem({status}, …))");
            return Task.CompletedTask;
        });
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem: `detail` holds the message (the contract's and the seeds' own words); quote `trace_id` to support.",
        Required = new HashSet<string> { "title", "status", "detail", "trace_id" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "The RFC section of the status (absent on 429)." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The W3C trace id of the request." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "On a 400 that names fields: each invalid field (its JSON path, snake_case) and what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    private static JsonObject Example(int status, string detail)
    {
        var example = new JsonObject();
        if (Kinds[status].Type is { } type) example["type"] = type;
        example["title"] = Kinds[status].Title;
        example["status"] = status;
        example["detail"] = detail;
        example["trace_id"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        return example;
    }

    private static JsonObject Validation(string field, string message)
    {
        var example = Example(400, $"One or more fields are invalid: {message}");
        example["title"] = Problems.ValidationTitle;
        example["errors"] = new JsonObject { [field] = new JsonArray(message) };
        return example;
    }

    /// <summary>The first required property of a request body's schema (a reference to a component, or inline).</summary>
    private static string? FirstRequired(IOpenApiSchema? schema, OpenApiDocument? document)
    {
        if (schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id
            && document?.Components?.Schemas?.TryGetValue(id, out var target) == true)
            schema = target;
        return schema?.Required?.FirstOrDefault();
    }

    private static string NameOf(string detail)
    {
        var words = new string(detail.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6);
        return string.Join('_', words);
    }

    private static string DescriptionOf(int status) => status switch
    {
        400 => "The request is invalid: `detail` says why, `errors` names each invalid field.",
        401 => "Missing or unusable credentials.",
        403 => "The credentials do not allow this.",
        404 => "Not found, or not yours: another tenant's ids are answered the same way.",
        409 => "A request with the same Idempotency-Key is still running.",
        422 => "The Idempotency-Key was used with another request.",
        429 => "Too many requests: retry after `Retry-After` seconds.",
        503 => "The database is unreachable: retry after `Retry-After` seconds; nothing was written.",
        _ => "Error.",
    };
}
