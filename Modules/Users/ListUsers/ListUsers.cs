
namespace RetailPerformer.Users.ListUsers;

public sealed record ListUsersResponse(IReadOnlyList<PersonResponse> Users, PageMeta Meta);

public sealed record ListUsersRequest : ISortedQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] public string? Sort { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "order")] public string? Order { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "role")] public string? Role { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "store_id")] public string? StoreId { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "external_id")] public string? ExternalId { get; init; }
}

internal sealed class ListUsersRequestValidator : AbstractValidator<ListUsersRequest>
{
    public ListUsersRequestValidator()
    {
        this.ValidSort(ListUsersEndpoint.Sort);
        RuleFor(x => x.Status).OneOf("status", UserStatuses.Active, UserStatuses.Suspended, UserStatuses.Deleted);
        RuleFor(x => x.Role).OneOf("role", Roles.Manager, Roles.Seller);
        RuleFor(x => x.StoreId).Must(id => id is null || Ids.TryParse(id, out _)).WithMessage("'store_id' must be a store id");
    }
}

internal static class ListUsersEndpoint
{
    public static readonly ListSort Sort = new("name", false, "id", new Dictionary<string, string>
    {
        ["name"] = "name", ["email"] = "email_normalized", ["status"] = "status", ["role"] = "role", ["created_at"] = "created_at",
    });

    public static void MapListUsers(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/users", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .Validate<PageQuery>()
            .Validate<ListUsersRequest>()
            .SortedBy(Sort)
            .WithExample(null, UserExamples.People)
            .WithName(family.Name("ListUsers"))
            .WithSummary("List people")
            .WithDescription("Managers and sellers of the stores this key reaches (deleted included, with their status), paged. Filters: `external_id` (the id a person has in your system), `status` (active | suspended | deleted), `role` (manager | seller), `store_id`. " + Sort.Description + ". An unknown sort field or filter value is 400 naming it.");

    private static async Task<Ok<ListUsersResponse>> Handle(
        [AsParameters] PageQuery paging, [AsParameters] ListUsersRequest query, ApiKeyCaller caller, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        var filter = new
        {
            caller.TenantId, all = !caller.IsRestricted, ids = caller.AllowedStoreIds?.ToArray() ?? [],
            query.ExternalId, query.Status, query.Role, storeId = Ids.TryParse(query.StoreId, out var store) ? store : (Guid?)null,
            limit = paging.PageSize, offset = paging.Offset,
        };
        const string where = """
            WHERE tenant_id = @TenantId AND role IN ('manager', 'seller') AND (@all OR store_id = ANY(@ids))
              AND (@ExternalId::text IS NULL OR external_id = @ExternalId) AND (@Status::text IS NULL OR status = @Status)
              AND (@Role::text IS NULL OR role = @Role) AND (@storeId::uuid IS NULL OR store_id = @storeId)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM users.users {where}", filter);
        var rows = await connection.QueryAsync<UserRow>($"SELECT {UserRow.Columns} FROM users.users {where} ORDER BY {Sort.OrderBy(query.Sort, query.Order)} LIMIT @limit OFFSET @offset", filter);
        return TypedResults.Ok(new ListUsersResponse(rows.Select(r => PersonResponse.From(r)).ToList(), PageMeta.For(paging, total)));
    }
}
