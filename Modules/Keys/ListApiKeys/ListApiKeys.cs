namespace RetailPerformer.Keys.ListApiKeys;

public sealed record ListApiKeysResponse(IReadOnlyList<ApiKeyResponse> ApiKeys, PageMeta Meta);

internal static class ListApiKeysEndpoint
{
    public static void MapListApiKeys(this RouteGroupBuilder group) =>
        group.MapGet("", Handle)
            .Validate<PageQuery>()
            .WithName("ListApiKeys")
            .WithSummary("List API keys")
            .WithDescription("Newest first, deactivated keys included as history, with last_used_at for monitoring. Never the secret.");

    private static async Task<Ok<ListApiKeysResponse>> Handle(
        [AsParameters] PageQuery paging, AppUser gerant, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM keys.api_keys WHERE tenant_id = @TenantId", new { gerant.TenantId });
        var rows = await connection.QueryAsync<ApiKeyRow>($"""
            SELECT {ApiKeyRow.Columns} FROM keys.api_keys WHERE tenant_id = @TenantId
            ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset
            """, new { gerant.TenantId, limit = paging.PageSize, offset = paging.Offset });
        return TypedResults.Ok(new ListApiKeysResponse(rows.Select(ApiKeyResponse.From).ToList(), PageMeta.For(paging, total)));
    }
}
