using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Contracts.Stores;

namespace RetailPerformer.Users.UpdateUser;

/// <summary>
/// The whitelist of the v1.0 notice. Anything else in the body (email, role, store_id, tenant_id, gerant_id)
/// is ignored, never applied.
/// </summary>
[RequestSchema]
public sealed record UpdateUserRequest(string? Name, string? Phone, [property: AllowedValues(UserStatuses.Active, UserStatuses.Suspended)] string? Status, string? ExternalId)
{
    internal bool HasAnyField => Name is not null || Phone is not null || Status is not null || ExternalId is not null;
}

public sealed record UpdateUserResponse(bool Success, Guid UserId, PersonResponse User);

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUserRequest>
{
    public UpdateUserValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100).NoControlCharacters().When(x => x.Name is not null);
        RuleFor(x => x.Phone).MaximumLength(50);
        RuleFor(x => x.ExternalId).MaximumLength(200);
        RuleFor(x => x.Status).Must(s => s is null or UserStatuses.Active or UserStatuses.Suspended)
            .WithMessage("'status' must be 'active' or 'suspended'");
    }
}

internal static class UpdateUserEndpoint
{
    /// <summary>The seeds' request body (integration guide v1.2), for the reference page.</summary>
    public const string RequestExample = """
        {"name": "Lucas Bernard-Dupont", "phone": "+33 6 11 22 33 44", "status": "active", "external_id": "SELLER_MRS_012_NEW"}
        """;

    public const string DeletedCannotChange = "A deleted user cannot be updated";
    public const string GerantStatus = "A gérant's status cannot be changed through the API";
    public const string StoreDeletedCannotReactivate = "This person's store is deleted: they cannot be reactivated";

    public static void MapUpdateUser(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapPut("/users/{user_id}", Handle)
            .RequireApiKey(Scopes.UsersWrite)
            .Validate<UpdateUserRequest>()
            .RequireStoreAccess(new StoreFrom.Person())
            .WithExample(RequestExample, UserExamples.UpdatedSeller)
            .WithName(family.Name("UpdateUser"))
            .WithSummary("Update a manager or seller")
            .WithDescription("Whitelisted fields only: name, phone, status (active | suspended), external_id. Email, role, store and tenant are never changed. A deleted person cannot be updated (400), nor a person of a deleted store reactivated (400); suspending ends the person's sessions for good. A body with none of them is 400 `No fields to update`. `external_id` (the id your system gives the person) is unique among the tenant's people who are not deleted: a taken one is 400.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.NoFieldsToUpdate)
            .DocumentsProblem(StatusCodes.Status400BadRequest, DeletedCannotChange)
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.ExternalIdAlreadyUsed)
            .DocumentsProblem(StatusCodes.Status403Forbidden, GerantStatus)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.UserNotFound);

    private static async Task<Results<Ok<UpdateUserResponse>, ProblemHttpResult>> Handle(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "user_id")] string userId, UpdateUserRequest request, ApiKeyCaller caller,
        NpgsqlDataSource dataSource, IStoreDirectory stores, IEventOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(userId, out var id)) return Problems.NotFound(ProblemMessages.UserNotFound);
        if (!request.HasAnyField) return Problems.BadRequest(UserMessages.NoFieldsToUpdate);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var person = await UserQueries.LockAsync(connection, transaction, caller.TenantId, id);
        if (person is null) return Problems.NotFound(ProblemMessages.UserNotFound);
        if (person.Status == UserStatuses.Deleted) return Problems.BadRequest(DeletedCannotChange);
        if (person.Role == Roles.Gerant && request.Status is not null && request.Status != person.Status) return Problems.Forbidden(GerantStatus);
        if (request.Status == UserStatuses.Active && person.Status != UserStatuses.Active && person.StoreId is { } storeId)
        {
            // As for a creation: a deletion of the store in flight either finishes first (and is seen here) or waits.
            await StoreLocks.ShareAsync(connection, transaction, storeId);
            if (await stores.FindAsync(caller.TenantId, storeId, cancellationToken) is not { Active: true })
                return Problems.BadRequest(StoreDeletedCannotReactivate);
        }

        UserRow updated;
        try
        {
            updated = await connection.QuerySingleAsync<UserRow>($"""
            UPDATE users.users SET
                name = COALESCE(@name, name),
                phone = COALESCE(@Phone, phone),
                status = COALESCE(@Status, status),
                -- Suspending ends every session for good: tokens issued before carry the old stamp, reactivation or not.
                security_stamp = CASE WHEN @Status = 'suspended' AND status <> 'suspended' THEN @stamp ELSE security_stamp END,
                external_id = COALESCE({UserText.NfcSql("@externalId")}, external_id),
                updated_at = @now
            WHERE tenant_id = @TenantId AND id = @id
            RETURNING {UserRow.Columns}
            """, new
            {
                name = request.Name?.Trim(), request.Phone, request.Status, externalId = UserText.CanonicalOrNull(request.ExternalId),
                stamp = Passwords.NewSecurityStamp(), now = clock.GetUtcNow().UtcDateTime, caller.TenantId, id,
            }, transaction);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == UserMessages.ExternalIdIndex)
        {
            return Problems.BadRequest(UserMessages.ExternalIdAlreadyUsed);
        }
        await outbox.AddAsync(new SharedTransaction(connection, transaction), caller.TenantId, EventTypes.UserUpdated, UserEvents.Of(updated), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new UpdateUserResponse(true, updated.Id, PersonResponse.From(updated)));
    }
}
