using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.ApiReference;

/// <summary>
/// How the reference reads: its tags described and ordered, integration API v1 first (the page opens there), then the
/// v1.0 notice's routes, then the app API; grouped (<c>x-tagGroups</c>, which Scalar and Redocly show); an anonymous
/// operation saying so (<c>security: []</c>) rather than leaving a generator to guess.
/// </summary>
internal static class ReferenceLayout
{
    private static readonly (string Name, string Description)[] IntegrationTags =
    [
        ("API key", "What the presented key is: its tenant, permissions and stores. The first call of any integration."),
        ("Stores", "The chain's stores: list, create, read, delete (soft), and `my-stores`, the stores a key reaches with their teams."),
        ("People", "Managers and sellers: create (with or without an emailed invitation), read, update the whitelisted fields, delete (soft)."),
        ("KPI", "A day of sales figures per seller, in batches of up to 100, upserted on (seller, day)."),
        ("Statistics", "Totals per store and for every store over a period (CA, sales, articles, average basket, transformation rate), and coverage: whether each store's sellers sent their KPI, day by day."),
    ];

    private static readonly (string Name, string Description)[] AppTags =
    [
        ("Auth", "Sign up (a gérant), sign in (a bearer token for the app API), the signed-in person, password change, invitation acceptance."),
        ("API keys", "The gérant's keys (the console's \"Intégrations API\" tab): create (the secret is shown once), list, read, regenerate, deactivate."),
        ("Invitations", "The invitations sent to managers and sellers: their status and delivery, and sending one again."),
        ("KPI (web app)", "A seller entering their own day, a manager entering a day for a seller of their store."),
        ("Webhooks", "Endpoints the gérant subscribes to events (kpi.synced, store.*, user.*, api_key.*): signed as the Standard Webhooks specification says, retried over about a day, every attempt logged, replayable. The events' payloads are in the document's `webhooks` section."),
    ];

    private static readonly (string Name, string Description)[] OperationsTags =
    [
        ("Operations", "Liveness and readiness, for load balancers and monitoring. No authentication."),
    ];

    public static void AddReferenceLayout(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            var v1 = IntegrationTags.Select(t => (IntegrationFamily.V1.Tag(t.Name), t.Description));
            var notice = IntegrationTags.Select(t => (IntegrationFamily.Unversioned.Tag(t.Name),
                $"{t.Description} The v1.0 notice's routes under `{IntegrationFamily.Unversioned.Prefix}`: the same handlers as v1, a creation answers 200."));
            var groups = new (string Group, IEnumerable<(string Name, string Description)> Tags)[]
            {
                ($"Integration API v1 ({IntegrationFamily.V1.Prefix})", v1),
                ($"Integration API, v1.0 notice routes ({IntegrationFamily.Unversioned.Prefix})", notice),
                ("App API (bearer token)", AppTags),
                ("Operations", OperationsTags),
            };
            document.Tags = new HashSet<OpenApiTag>(groups.SelectMany(g => g.Tags).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
            document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            document.Extensions["x-tagGroups"] = new JsonNodeExtension(new JsonArray(groups.Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g.Group,
                ["tags"] = new JsonArray(g.Tags.Select(t => (JsonNode)JsonValue.Create(t.Name)).ToArray()),
            }).ToArray()));
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (!NeedsCredentials(metadata)) operation.Security = [];
            DocumentAnswerHeaders(operation, metadata, context.Document);
            if (operation.Tags?.Select(t => t.Name).FirstOrDefault(n => !Known(n)) is { } unknown)
                throw new InvalidOperationException($"Tag '{unknown}' of {context.Description.RelativePath} has no description in {nameof(ReferenceLayout)}");
            return Task.CompletedTask;
        });
    }

    /// <summary>An API key (integration routes) or a signed-in person's token (app routes with a policy).</summary>
    public static bool NeedsCredentials(IList<object> metadata) =>
        metadata.OfType<ApiKeyRequirement>().Any() || metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    /// <summary>The headers of successful answers: where a creation is, the tag to poll with, a replay's mark.</summary>
    private static void DocumentAnswerHeaders(OpenApiOperation operation, IList<object> metadata, OpenApiDocument? document)
    {
        foreach (var (status, answer) in operation.Responses ?? [])
        {
            if (answer is not OpenApiResponse response || !status.StartsWith('2') && status != "304") continue;
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (status == "201" && !metadata.OfType<CreatedWithoutLocation>().Any())
                response.Headers["Location"] = Header("Where the created resource is (its GET).", "uri-reference");
            if (operation.Responses!.ContainsKey("304") && status is "200" or "304")
                response.Headers["ETag"] = Header("The tag of this answer: send it back in `If-None-Match` to get `304 Not Modified` while it is unchanged.");
            if (metadata.OfType<IdempotentMetadata>().Any() && status != "304")
                response.Headers[IdempotencyKeys.ReplayedHeaderName] = Header("`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.");
        }
        if (operation.Responses?.TryGetValue("304", out var notModified) == true && notModified is OpenApiResponse unchanged)
            unchanged.Description = "Not Modified: the answer is the one tagged by `If-None-Match` (no body).";
    }

    private static OpenApiHeader Header(string description, string? format = null) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = format } };

    private static bool Known(string? tag) =>
        IntegrationTags.Any(t => IntegrationFamily.All.Any(f => f.Tag(t.Name) == tag)) || AppTags.Concat(OperationsTags).Any(t => t.Name == tag);
}
