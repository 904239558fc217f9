namespace RetailPerformer.Webhooks.CreateWebhook;

/// <param name="Url">Where events are POSTed (http or https); not a loopback, private, link-local or metadata address.</param>
/// <param name="EventTypes">The event types sent there (see the document's <c>webhooks</c> section).</param>
/// <param name="Enabled">Default true.</param>
[RequestSchema]
public sealed record CreateWebhookRequest([property: Required] string? Url, [property: Required] List<string?>? EventTypes, string? Description, bool? Enabled);

internal sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookRequest>
{
    public CreateWebhookValidator()
    {
        RuleFor(x => x.Url).NotEmpty().WebhookUrl();
        RuleFor(x => x.EventTypes).NotNull().EventTypeList();
        RuleFor(x => x.Description).MaximumLength(500).NoControlCharacters();
    }
}

internal static class CreateWebhookEndpoint
{
    public static void MapCreateWebhook(this RouteGroupBuilder group) =>
        group.MapPost("", Handle)
            .Validate<CreateWebhookRequest>()
            .NoStore()
            .WithExample(WebhookExamples.CreateRequest, WebhookExamples.Secret)
            .WithName("CreateWebhook")
            .WithSummary("Subscribe an endpoint to events")
            .WithDescription("Events of the chosen types are POSTed to the URL, signed as the Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`) with the secret (`whsec_…`) that is in this answer only. A delivery that times out (10 s) or is answered 5xx or 429 is retried over about a day (5 s, 1 min, 10 min, 1 h, 4 h, 8 h, 12 h); an endpoint failing for three days is disabled.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, EndpointAddresses.NotAllowed)
            .DocumentsProblem(StatusCodes.Status400BadRequest, WebhookRules.TooManyEndpoints)
            .DocumentsInvalidField("event_types", "Unknown event type 'kpi.deleted'. Known: " + string.Join(", ", Shared.Contracts.Webhooks.EventTypes.Subscribable));

    private static async Task<Results<Created<WebhookSecretResponse>, ProblemHttpResult>> Handle(
        CreateWebhookRequest request, AppUser gerant, NpgsqlDataSource dataSource, EndpointAddresses addresses, WebhookSecrets secrets,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var url = new Uri(request.Url!.Trim());
        if (await addresses.RefusalAsync(url, cancellationToken) is { } refusal) return Problems.BadRequest(refusal);

        var secret = WebhookSecrets.New();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Creations of one tenant queue here, so that the count below (a snapshot taken after the lock) sees every earlier one:
        // two creations at once cannot pass the maximum.
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('webhooks:' || @TenantId::text, 0))", new { gerant.TenantId }, transaction);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>($"""
            INSERT INTO webhooks.endpoints (id, tenant_id, url, event_types, description, enabled, secret, created_at, updated_at)
            SELECT @id, @TenantId, @url, @types, @description, @enabled, @secret, @now, @now
            WHERE (SELECT count(*) FROM webhooks.endpoints WHERE tenant_id = @TenantId) < {WebhookRules.MaximumEndpoints}
            RETURNING {EndpointRow.Columns}
            """, new
            {
                id = Guid.CreateVersion7(), gerant.TenantId, url = url.AbsoluteUri, types = WebhookRules.Canonical(request.EventTypes!),
                description = request.Description?.Trim() ?? "", enabled = request.Enabled ?? true, secret = secrets.Protect(secret), now,
            }, transaction);
        if (row is null) return Problems.BadRequest(WebhookRules.TooManyEndpoints);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/gerant/webhooks/{row.Id}",
            new WebhookSecretResponse(secret, WebhookSecretResponse.ShownOnce, WebhookEndpointResponse.From(row)));
    }
}
