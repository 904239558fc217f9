namespace RetailPerformer.Keys.ListApiKeys;

public sealed record ListApiKeysResponse(IReadOnlyList<ApiKeyResponse> ApiKeys, PageMeta Meta);

public sealed record ListApiKeysRequest : ISortedQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] public string? Sort { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "order")] public string? Order { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }
}

internal sealed class ListApiKeysRequestValidator : AbstractValidator<ListApiKeysRequest>
{
    public ListApiKeysRequestValidator()
    {
        this.ValidSort(ListApiKeysEndpoint.Sort);
        RuleFor(x => x.Status).OneOf("status", "active", "expired", "deactivated");
    }
}

internal static class ListApiKeysEndpoint
{
    public static readonly ListSort Sort = new("created_at", true, "id DESC", new Dictionary<string, string>
    {
        ["created_at"] = "created_at", ["name"] = "name", ["last_used_at"] = "last_used_at", ["expires_at"] = "expires_at",
    });

    public static void MapListApiKeys(this RouteGroupBuilder group) =>
        group.MapGet("", Handle)
            .Validate<PageQuery>()
            .Validate<ListApiKeysRequest>()
            .SortedBy(Sort)
            .WithExample(null, ApiKeyExamples.List)
            .WithName("ListApiKeys")
            .WithSummary("List API keys")
            .WithDescription("Newest first, deactivated keys included as history, with last_used_at for monitoring. Never the secret. Filter: `status` (active | expired | deactivated). " + Sort.Description + ".");

    private static async Task<Ok<ListApiKeysResponse>> Handle(
        [AsParameters] PageQuery paging, [AsParameters] ListApiKeysRequest query, AppUser gerant, NpgsqlDataSource dataSource, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // A key's status as the console shows it: deactivated, else expired, else active.
        const string where = """
            WHERE tenant_id = @TenantId AND (@Status::text IS NULL
                OR (@Status = 'deactivated' AND NOT active)
                OR (@Status = 'expired' AND active AND expires_at <= @now)
                OR (@Status = 'active' AND active AND (expires_at IS NULL OR expires_at > @now)))
            """;
        var filter = new { gerant.TenantId, query.Status, now = clock.GetUtcNow().UtcDateTime, limit = paging.PageSize, offset = paging.Offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM keys.api_keys {where}", filter);
        var rows = await connection.QueryAsync<ApiKeyRow>($"""
            SELECT {ApiKeyRow.Columns} FROM keys.api_keys {where}
            ORDER BY {Sort.OrderBy(query.Sort, query.Order)} LIMIT @limit OFFSET @offset
            """, filter);
        return TypedResults.Ok(new ListApiKeysResponse(rows.Select(ApiKeyResponse.From).ToList(), PageMeta.For(paging, total)));
    }
}
