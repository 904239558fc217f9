
namespace RetailPerformer.Users.ResendInvitation;

[RequestSchema]
public sealed record ResendInvitationRequest([property: Required, ApiFormat(ApiFormatAttribute.Uuid)] string? UserId);

public sealed record ResendInvitationResponse(bool Success, bool InvitationSent, InvitationResponse Invitation);

internal sealed class ResendInvitationValidator : AbstractValidator<ResendInvitationRequest>
{
    public ResendInvitationValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal static class ResendInvitationEndpoint
{
    public const string RequestExample = """
        {"user_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba"}
        """;

    public const string ResponseExample = """
        {"success": true, "invitation_sent": true,
         "invitation": {"id": "0193aa10-2b3c-7d4e-8f60-718293a4b5c6", "user_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba",
                        "email": "lucas.bernard@example.com", "status": "pending", "delivery_status": "sent", "delivery_error": null,
                        "delivery_attempts": 1, "next_attempt_at": null, "created_at": "2025-12-08T10:00:00Z",
                        "expires_at": "2025-12-15T10:00:00Z", "used_at": null, "delivered_at": "2025-12-08T10:00:01Z"}}
        """;

    public const string GerantNotInvited = "A gérant signs up: there is no invitation to send";
    public const string PasswordAlreadyChosen = "This person has already chosen a password";
    public static string NotActive(string status) => $"This account is {status}: it cannot be invited";

    public static void MapResendInvitation(this RouteGroupBuilder group) =>
        group.MapPost("", Handle)
            .Validate<ResendInvitationRequest>()
            .WithExample(RequestExample, ResponseExample)
            .WithMetadata(CreatedWithoutLocation.Instance)
            .WithName("ResendInvitation")
            .WithSummary("Send (or resend) a person's invitation")
            .WithDescription("""
                For a manager or seller created with `send_invitation: false`, or whose invitation expired or got lost: a new invitation
                (new code, valid 7 days) is created and emailed, and every earlier one of that person becomes void. Refused (400) for a gérant,
                a suspended or deleted person, or someone who already chose a password; another tenant's person is 404.
                """)
            .DocumentsProblem(StatusCodes.Status400BadRequest, PasswordAlreadyChosen)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.UserNotFound);

    private static async Task<Results<Created<ResendInvitationResponse>, ProblemHttpResult>> Handle(
        ResendInvitationRequest request, AppUser gerant, NpgsqlDataSource dataSource, InvitationService invitations, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(request.UserId, out var userId)) return Problems.NotFound(ProblemMessages.UserNotFound);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        InvitationService.Pending invitation;
        UserRow person;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // The person's row is locked: two resends at once leave exactly one invitation that can be accepted.
            var found = await connection.QuerySingleOrDefaultAsync<UserRow>(
                $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @TenantId AND id = @userId FOR UPDATE",
                new { gerant.TenantId, userId }, transaction);
            if (found is null) return Problems.NotFound(ProblemMessages.UserNotFound);
            if (found.Role == Roles.Gerant) return Problems.BadRequest(GerantNotInvited);
            if (found.Status != UserStatuses.Active) return Problems.BadRequest(NotActive(found.Status));
            if (found.PasswordHash is not null) return Problems.BadRequest(PasswordAlreadyChosen);
            person = found;

            await connection.ExecuteAsync("""
                UPDATE users.invitations SET voided_at = @now, next_attempt_at = NULL, pending_code = NULL
                WHERE tenant_id = @TenantId AND user_id = @userId AND used_at IS NULL AND voided_at IS NULL
                """, new { now = clock.GetUtcNow().UtcDateTime, gerant.TenantId, userId }, transaction);
            invitation = await invitations.CreateAsync(connection, transaction, gerant.TenantId, person.Id, person.Email);
            await transaction.CommitAsync(cancellationToken);
        }

        var sent = await invitations.DeliverAsync(invitation, person.Name, person.Email, person.Role, CancellationToken.None);
        var row = await InvitationRow.ReadAsync(connection, gerant.TenantId, invitation.Id);
        // No Location: an invitation is read through the list, not on its own.
        return TypedResults.Created((string?)null,
            new ResendInvitationResponse(true, sent, row.ToResponse(clock.GetUtcNow().UtcDateTime)));
    }
}
