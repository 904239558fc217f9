namespace RetailPerformer.Users.GetUser;

internal static class GetUserEndpoint
{
    public static void MapGetUser(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/users/{user_id}", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .RequireStoreAccess(new StoreFrom.Person())
            .WithName(family.Name("GetUser"))
            .WithSummary("One person")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Handle(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "user_id")] string userId, ApiKeyCaller caller, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(userId, out var id)) return Problems.NotFound(ProblemMessages.UserNotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var person = await UserQueries.FindAsync(connection, caller.TenantId, id);
        if (person is null) return Problems.NotFound(ProblemMessages.UserNotFound);
        return TypedResults.Ok(PersonResponse.From(person));
    }
}
