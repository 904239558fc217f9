namespace RetailPerformer.Webhooks.UpdateWebhook;

/// <param name="Enabled">true re-enables an endpoint the platform disabled (its run of failures starts again from nothing).</param>
[RequestSchema]
public sealed record UpdateWebhookRequest(string? Url, List<string?>? EventTypes, string? Description, bool? Enabled);

internal sealed class UpdateWebhookValidator : AbstractValidator<UpdateWebhookRequest>
{
    public UpdateWebhookValidator()
    {
        RuleFor(x => x.Url).WebhookUrl();
        RuleFor(x => x.EventTypes).EventTypeList();
        RuleFor(x => x.Description).MaximumLength(500).NoControlCharacters();
    }
}

internal static class UpdateWebhookEndpoint
{
    public static void MapUpdateWebhook(this RouteGroupBuilder group) =>
        group.MapPut("/{id}", Handle)
            .Validate<UpdateWebhookRequest>()
            .WithExample(WebhookExamples.UpdateRequest, WebhookExamples.Endpoint)
            .WithName("UpdateWebhook")
            .WithSummary("Change a webhook endpoint")
            .WithDescription("Only the fields present change. Deliveries already queued go to the new URL.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, EndpointAddresses.NotAllowed)
            .DocumentsProblem(StatusCodes.Status404NotFound, EndpointQueries.NotFound);

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> Handle(
        string id, UpdateWebhookRequest request, AppUser gerant, NpgsqlDataSource dataSource, EndpointAddresses addresses, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId)) return Problems.NotFound(EndpointQueries.NotFound);
        var url = request.Url is null ? null : new Uri(request.Url.Trim());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await EndpointQueries.FindAsync(connection, gerant.TenantId, endpointId) is null) return Problems.NotFound(EndpointQueries.NotFound);
        if (url is not null && await addresses.RefusalAsync(url, cancellationToken) is { } refusal) return Problems.BadRequest(refusal);

        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>($"""
            UPDATE webhooks.endpoints SET
                url = coalesce(@url, url),
                event_types = coalesce(@types, event_types),
                description = coalesce(@description, description),
                enabled = coalesce(@enabled, enabled),
                failing_since = CASE WHEN @enabled AND NOT enabled THEN NULL ELSE failing_since END,
                disabled_reason = CASE WHEN @enabled THEN NULL ELSE disabled_reason END,
                updated_at = @now
            WHERE tenant_id = @TenantId AND id = @endpointId
            RETURNING {EndpointRow.Columns}
            """, new
            {
                url = url?.AbsoluteUri, types = request.EventTypes is null ? null : WebhookRules.Canonical(request.EventTypes),
                description = request.Description?.Trim(), enabled = request.Enabled, now = clock.GetUtcNow().UtcDateTime, gerant.TenantId, endpointId,
            });
        return row is null ? Problems.NotFound(EndpointQueries.NotFound) : TypedResults.Ok(WebhookEndpointResponse.From(row));
    }
}
