
namespace RetailPerformer.Stores.ListStores;

public sealed record ListStoresResponse(IReadOnlyList<StoreResponse> Stores, PageMeta Meta);

public sealed record ListStoresRequest : ISortedQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] public string? Sort { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "order")] public string? Order { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "external_id")] public string? ExternalId { get; init; }
}

internal sealed class ListStoresRequestValidator : AbstractValidator<ListStoresRequest>
{
    public ListStoresRequestValidator()
    {
        this.ValidSort(ListStoresEndpoint.Sort);
        RuleFor(x => x.Status).OneOf("status", "active", "deleted");
    }
}

internal static class ListStoresEndpoint
{
    public static readonly ListSort Sort = new("name", false, "id", new Dictionary<string, string>
    {
        ["name"] = "name", ["location"] = "location", ["created_at"] = "created_at",
    });

    public static void MapListStores(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/stores", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .Validate<PageQuery>()
            .Validate<ListStoresRequest>()
            .WithExample(null, StoreExamples.List)
            .WithName(family.Name("ListStores"))
            .WithSummary("List stores")
            .WithDescription("The tenant's stores this key reaches (active and deleted), by name, paged. Filters: `external_id` (the id a store has in your system), `status` (active | deleted). " + Sort.Description + ". An unknown sort field or filter value is 400 naming it. Tagged with an `ETag`: send it back in `If-None-Match` to get `304 Not Modified` (no body) while the page is unchanged.")
            .SortedBy(Sort);

    private static async Task<TaggedJson<ListStoresResponse>> Handle(
        [AsParameters] PageQuery paging, [AsParameters] ListStoresRequest query, ApiKeyCaller caller, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        var filter = new
        {
            caller.TenantId, all = !caller.IsRestricted, ids = caller.AllowedStoreIds?.ToArray() ?? [],
            query.ExternalId, query.Status, limit = paging.PageSize, offset = paging.Offset,
        };
        const string where = """
            WHERE tenant_id = @TenantId AND (@all OR id = ANY(@ids)) AND (@ExternalId::text IS NULL OR external_id = @ExternalId)
              AND (@Status::text IS NULL OR active = (@Status = 'active'))
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM stores.stores {where}", filter);
        var rows = await connection.QueryAsync<StoreRow>(
            $"SELECT {StoreRow.Columns} FROM stores.stores {where} ORDER BY {Sort.OrderBy(query.Sort, query.Order)} LIMIT @limit OFFSET @offset", filter);
        return new TaggedJson<ListStoresResponse>(new ListStoresResponse(rows.Select(StoreResponse.From).ToList(), PageMeta.For(paging, total)));
    }
}
