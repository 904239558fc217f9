namespace RetailPerformer.Webhooks.GetWebhook;

internal static class GetWebhookEndpoint
{
    public static void MapGetWebhook(this RouteGroupBuilder group) =>
        group.MapGet("/{id}", Handle)
            .WithExample(null, WebhookExamples.Endpoint)
            .WithName("GetWebhook")
            .WithSummary("Get a webhook endpoint")
            .DocumentsProblem(StatusCodes.Status404NotFound, EndpointQueries.NotFound);

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId)) return Problems.NotFound(EndpointQueries.NotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await EndpointQueries.FindAsync(connection, gerant.TenantId, endpointId) is { } row
            ? TypedResults.Ok(WebhookEndpointResponse.From(row))
            : Problems.NotFound(EndpointQueries.NotFound);
    }
}
