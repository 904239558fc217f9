
namespace RetailPerformer.Users.AcceptInvitation;

[RequestSchema]
public sealed record AcceptInvitationRequest([property: Required] string? Token, [property: Required] string? Password);

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
    public const string InvalidToken = InvitationService.InvalidToken;
    public const string Accepted = "Password set: sign in with POST /api/auth/login";

    public static void MapAcceptInvitation(this RouteGroupBuilder group) =>
        group.MapPost("/accept-invitation", Handle)
            .AllowAnonymous()
            .LimitPerClientAddress()
            .Validate<AcceptInvitationRequest>()
            .NoStore()
            .WithExample(UserExamples.AcceptInvitationRequest, UserExamples.InvitationAccepted)
            .WithName("AcceptInvitation")
            .WithSummary("Accept an invitation")
            .WithDescription("An invited manager or seller sets their password with the code of their invitation (single use, valid 7 days, void once the gérant resends it), then signs in with POST /api/auth/login. The emailed link opens the same step as a page: GET /accept-invitation?token=….")
            .DocumentsProblem(StatusCodes.Status400BadRequest, InvalidToken)
            .DocumentsProblem(StatusCodes.Status503ServiceUnavailable, Passwords.BusyMessage);

    private static async Task<Results<Ok<AcceptInvitationResponse>, ProblemHttpResult>> Handle(
        AcceptInvitationRequest request, InvitationService invitations, CancellationToken cancellationToken)
    {
        var (user, problem) = await invitations.AcceptAsync(request.Token!, request.Password!, cancellationToken);
        if (user is null) return Problems.BadRequest(problem!);
        return TypedResults.Ok(new AcceptInvitationResponse(true, Accepted, new AcceptInvitationUser(user.Id, user.Name, user.Email, user.Role, user.StoreId)));
    }
}
