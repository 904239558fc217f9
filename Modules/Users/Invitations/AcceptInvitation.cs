using RetailPerformer.Users.Accounts;

namespace RetailPerformer.Users.Invitations;

public sealed record AcceptInvitationRequest(string? Token, string? Password);

public sealed record AcceptInvitationUser(Guid Id, string Name, string Email, string Role, Guid? StoreId);

public sealed record AcceptInvitationResponse(bool Success, string Message, AcceptInvitationUser User);

internal sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitationRequest>
{
    public AcceptInvitationValidator()
    {
        RuleFor(x => x.Token).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Password).NotEmpty().Length(Passwords.MinimumLength, Passwords.MaximumLength);
    }
}

internal static class AcceptInvitationEndpoint
{
    public const string InvalidToken = "This invitation is unknown, expired or already used";
    public const string Accepted = "Password set: sign in with POST /api/auth/login";

    public static void MapAcceptInvitation(this RouteGroupBuilder group) =>
        group.MapPost("/accept-invitation", Handle)
            .AllowAnonymous()
            .Validate<AcceptInvitationRequest>()
            .WithName("AcceptInvitation")
            .WithSummary("Accept an invitation")
            .WithDescription("An invited manager or seller sets their password with the code of their invitation (single use, valid 7 days), then signs in with POST /api/auth/login.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<AcceptInvitationResponse>, ProblemHttpResult>> Handle(
        AcceptInvitationRequest request, NpgsqlDataSource dataSource, Passwords passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Locking the invitation makes it single-use even under concurrent accepts.
        var invitation = await connection.QuerySingleOrDefaultAsync<(Guid TenantId, Guid Id, Guid UserId, DateTime ExpiresAt, DateTime? UsedAt)>("""
            SELECT tenant_id, id, user_id, expires_at, used_at FROM users.invitations WHERE token_hash = @hash FOR UPDATE
            """, new { hash = InvitationService.Hash(request.Token!) }, transaction);
        if (invitation.Id == Guid.Empty || invitation.UsedAt is not null || invitation.ExpiresAt <= now)
            return Problems.BadRequest(InvalidToken);

        var user = await connection.QuerySingleAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @TenantId AND id = @UserId FOR UPDATE",
            new { invitation.TenantId, invitation.UserId }, transaction);
        if (user.Status != UserStatuses.Active) return Problems.BadRequest($"This account is {user.Status}");

        await connection.ExecuteAsync("""
            UPDATE users.users SET password_hash = @hash, security_stamp = @stamp, updated_at = @now WHERE tenant_id = @TenantId AND id = @UserId;
            UPDATE users.invitations SET used_at = @now WHERE tenant_id = @TenantId AND id = @Id;
            """, new { hash = passwords.Hash(request.Password!), stamp = Passwords.NewSecurityStamp(), now, invitation.TenantId, invitation.UserId, invitation.Id },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new AcceptInvitationResponse(true, Accepted, new AcceptInvitationUser(user.Id, user.Name, user.Email, user.Role, user.StoreId)));
    }
}
