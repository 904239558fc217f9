
namespace RetailPerformer.Stores.ListStores;

public sealed record ListStoresResponse(IReadOnlyList<StoreResponse> Stores, PageMeta Meta);

internal static class ListStoresEndpoint
{
    public static void MapListStores(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/stores", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .Validate<PageQuery>()
            .WithName(family.Name("ListStores"))
            .WithSummary("List stores")
            .WithDescription("The tenant's stores this key reaches (active and deleted), by name, paged. `external_id` finds a store by the id it has in your system. Tagged with an `ETag`: send it back in `If-None-Match` to get `304 Not Modified` (no body) while the page is unchanged.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<TaggedJson<ListStoresResponse>> Handle(
        [AsParameters] PageQuery paging, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "external_id")] string? externalId,
        ApiKeyCaller caller, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var filter = new
        {
            caller.TenantId, all = !caller.IsRestricted, ids = caller.AllowedStoreIds?.ToArray() ?? [],
            externalId, limit = paging.PageSize, offset = paging.Offset,
        };
        const string where = "WHERE tenant_id = @TenantId AND (@all OR id = ANY(@ids)) AND (@externalId::text IS NULL OR external_id = @externalId)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM stores.stores {where}", filter);
        var rows = await connection.QueryAsync<StoreRow>(
            $"SELECT {StoreRow.Columns} FROM stores.stores {where} ORDER BY name, id LIMIT @limit OFFSET @offset", filter);
        return new TaggedJson<ListStoresResponse>(new ListStoresResponse(rows.Select(StoreResponse.From).ToList(), PageMeta.For(paging, total)));
    }
}
