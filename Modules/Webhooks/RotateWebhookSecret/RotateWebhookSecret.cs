namespace RetailPerformer.Webhooks.RotateWebhookSecret;

internal static class RotateWebhookSecretEndpoint
{
    public static void MapRotateWebhookSecret(this RouteGroupBuilder group) =>
        group.MapPost("/{id}/rotate-secret", Handle)
            .NoStore()
            .WithExample(null, WebhookExamples.Secret)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate an endpoint's signing secret")
            .WithDescription("A new secret, in this answer only. For the next 24 hours (`previous_secret_until`) every delivery carries two signatures in `webhook-signature`, the new secret's and the old one's, so the receiver can switch without losing a delivery.")
            .DocumentsProblem(StatusCodes.Status404NotFound, EndpointQueries.NotFound);

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, NpgsqlDataSource dataSource, WebhookSecrets secrets, WebhookSettings settings, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId)) return Problems.NotFound(EndpointQueries.NotFound);
        var secret = WebhookSecrets.New();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>($"""
            UPDATE webhooks.endpoints SET previous_secret = secret, previous_secret_until = @until, secret = @secret, updated_at = @now
            WHERE tenant_id = @TenantId AND id = @endpointId
            RETURNING {EndpointRow.Columns}
            """, new { secret = secrets.Protect(secret), until = now + settings.SecretOverlap, now, gerant.TenantId, endpointId });
        return row is null
            ? Problems.NotFound(EndpointQueries.NotFound)
            : TypedResults.Ok(new WebhookSecretResponse(secret, WebhookSecretResponse.ShownOnce, WebhookEndpointResponse.From(row)));
    }
}
