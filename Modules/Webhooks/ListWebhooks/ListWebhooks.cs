namespace RetailPerformer.Webhooks.ListWebhooks;

public sealed record ListWebhooksResponse(IReadOnlyList<WebhookEndpointResponse> Webhooks);

internal static class ListWebhooksEndpoint
{
    public static void MapListWebhooks(this RouteGroupBuilder group) =>
        group.MapGet("", Handle)
            .WithExample(null, WebhookExamples.List)
            .WithName("ListWebhooks")
            .WithSummary("List webhook endpoints")
            .WithDescription($"The chain's endpoints (at most {WebhookRules.MaximumEndpoints}), oldest first; one the platform disabled says why in `disabled_reason`. Never a secret.");

    private static async Task<Ok<ListWebhooksResponse>> Handle(AppUser gerant, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EndpointRow>(
            $"SELECT {EndpointRow.Columns} FROM webhooks.endpoints WHERE tenant_id = @TenantId ORDER BY created_at, id", new { gerant.TenantId });
        return TypedResults.Ok(new ListWebhooksResponse(rows.Select(WebhookEndpointResponse.From).ToList()));
    }
}
