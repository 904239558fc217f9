namespace RetailPerformer.Users.GetUser;

internal static class GetUserEndpoint
{
    public static void MapGetUser(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/users/{user_id}", Handle)
            .RequireApiKey(Scopes.StoresRead)
            .RequireStoreAccess(new StoreFrom.Person())
            .WithExample(null, UserExamples.Seller)
            .WithName(family.Name("GetUser"))
            .WithSummary("One person")
            .WithDescription("A manager or seller of the tenant (or its gérant), deleted ones included with their status. Another tenant's id is 404, as an unknown one; a person outside a restricted key's stores is 403.")
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.UserNotFound);

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
