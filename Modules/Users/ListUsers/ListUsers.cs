
namespace RetailPerformer.Users.ListUsers;

public sealed record ListUsersResponse(IReadOnlyList<PersonResponse> Users, PageMeta Meta);

internal static class ListUsersEndpoint
{
    public static void MapListUsers(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/users", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .Validate<PageQuery>()
            .WithName(family.Name("ListUsers"))
            .WithSummary("List people")
            .WithDescription("Managers and sellers of the stores this key reaches (deleted included, with their status), paged. `external_id` finds a person by the id they have in your system.");

    private static async Task<Ok<ListUsersResponse>> Handle(
        [AsParameters] PageQuery paging, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "external_id")] string? externalId,
        ApiKeyCaller caller, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var filter = new
        {
            caller.TenantId, all = !caller.IsRestricted, ids = caller.AllowedStoreIds?.ToArray() ?? [],
            externalId, limit = paging.PageSize, offset = paging.Offset,
        };
        const string where = """
            WHERE tenant_id = @TenantId AND role IN ('manager', 'seller') AND (@all OR store_id = ANY(@ids))
              AND (@externalId::text IS NULL OR external_id = @externalId)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM users.users {where}", filter);
        var rows = await connection.QueryAsync<UserRow>($"SELECT {UserRow.Columns} FROM users.users {where} ORDER BY name, id LIMIT @limit OFFSET @offset", filter);
        return TypedResults.Ok(new ListUsersResponse(rows.Select(r => PersonResponse.From(r)).ToList(), PageMeta.For(paging, total)));
    }
}
