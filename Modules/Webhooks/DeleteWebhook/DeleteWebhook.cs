namespace RetailPerformer.Webhooks.DeleteWebhook;

public sealed record DeleteWebhookResponse(bool Success, string Message);

internal static class DeleteWebhookEndpoint
{
    public const string Deleted = "Webhook endpoint deleted";

    public static void MapDeleteWebhook(this RouteGroupBuilder group) =>
        group.MapDelete("/{id}", Handle)
            .WithExample(null, WebhookExamples.Deleted)
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook endpoint")
            .WithDescription("Nothing more is sent to it, queued deliveries included; its delivery log goes with it.")
            .DocumentsProblem(StatusCodes.Status404NotFound, EndpointQueries.NotFound);

    private static async Task<Results<Ok<DeleteWebhookResponse>, ProblemHttpResult>> Handle(
        string id, AppUser gerant, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(id, out var endpointId)) return Problems.NotFound(EndpointQueries.NotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(
            "DELETE FROM webhooks.endpoints WHERE tenant_id = @TenantId AND id = @endpointId", new { gerant.TenantId, endpointId });
        return deleted == 0 ? Problems.NotFound(EndpointQueries.NotFound) : TypedResults.Ok(new DeleteWebhookResponse(true, Deleted));
    }
}
