
namespace RetailPerformer.Users.Me;

public sealed record MeResponse(
    Guid Id, string Name, string Email, string Role, string Status, Guid TenantId, Guid? StoreId, Guid? ManagerId,
    string? Phone, string? ExternalId, DateTime CreatedAt, DateTime UpdatedAt);

internal static class MeEndpoint
{
    public static void MapMe(this RouteGroupBuilder group) =>
        group.MapGet("/me", Handle)
            .RequireAuthorization(Policies.SignedIn)
            .WithExample(null, UserExamples.Me)
            .WithName("Me")
            .WithSummary("The signed-in person")
            .WithDescription("The person the bearer token belongs to: role, tenant, store (for a manager or a seller) and contact fields.")
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.UserNotFound);

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Handle(
        AppUser user, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @TenantId AND id = @UserId", new { user.TenantId, user.UserId });
        if (row is null) return Problems.NotFound(ProblemMessages.UserNotFound);
        return TypedResults.Ok(new MeResponse(row.Id, row.Name, row.Email, row.Role, row.Status, row.TenantId, row.StoreId,
            row.ManagerId, row.Phone, row.ExternalId, row.CreatedAt, row.UpdatedAt));
    }
}
