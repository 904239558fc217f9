using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Users.DeleteUser;

public sealed record DeleteUserResponse(bool Success, string Message);

internal static class DeleteUserEndpoint
{
    public static void MapDeleteUser(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapDelete("/users/{user_id}", Handle)
            .RequireApiKey(Scopes.UsersWrite)
            .WithExample(null, UserExamples.SellerDeleted)
            .WithName(family.Name("DeleteUser"))
            .WithSummary("Delete a manager or seller")
            .WithDescription("Soft delete: status becomes `deleted`, their sessions end, history (KPI) is kept and KPI is accepted for days up to the deletion only; the email can be given to a new person. A gérant cannot be deleted (403); deleting twice is 400.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.UserAlreadyDeleted)
            .RequireStoreAccess(new StoreFrom.Person())
            .DocumentsProblem(StatusCodes.Status403Forbidden, UserMessages.GerantCannotBeDeleted)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.UserNotFound);

    private static async Task<Results<Ok<DeleteUserResponse>, ProblemHttpResult>> Handle(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "user_id")] string userId, ApiKeyCaller caller, NpgsqlDataSource dataSource,
        IEventOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(userId, out var id)) return Problems.NotFound(ProblemMessages.UserNotFound);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var person = await UserQueries.LockAsync(connection, transaction, caller.TenantId, id);
        if (person is null) return Problems.NotFound(ProblemMessages.UserNotFound);
        if (person.Role == Roles.Gerant) return Problems.Forbidden(UserMessages.GerantCannotBeDeleted);
        if (person.Status == UserStatuses.Deleted) return Problems.BadRequest(UserMessages.UserAlreadyDeleted);

        // A new stamp: the person's tokens stop working now and for good.
        await connection.ExecuteAsync("""
            UPDATE users.users SET status = 'deleted', deleted_at = @now, updated_at = @now, security_stamp = @stamp WHERE tenant_id = @TenantId AND id = @id
            """, new { now = clock.GetUtcNow().UtcDateTime, stamp = Passwords.NewSecurityStamp(), caller.TenantId, id }, transaction);
        await outbox.AddAsync(new SharedTransaction(connection, transaction), caller.TenantId, EventTypes.UserDeleted,
            UserEvents.Of(person with { Status = UserStatuses.Deleted }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new DeleteUserResponse(true, person.Role == Roles.Manager ? UserMessages.ManagerDeleted : UserMessages.SellerDeleted));
    }
}
