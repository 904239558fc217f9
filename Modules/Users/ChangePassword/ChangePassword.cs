using System.Text.Json.Serialization;

namespace RetailPerformer.Users.ChangePassword;

/// <summary>The auth seed spells these in camelCase.</summary>
[RequestSchema]
public sealed record ChangePasswordRequest(
    [property: Required, JsonPropertyName("currentPassword")] string? CurrentPassword,
    [property: Required, JsonPropertyName("newPassword")] string? NewPassword);

public sealed record ChangePasswordResponse(
    string Message,
    string Token,
    [property: JsonPropertyName("expiresIn")] string ExpiresIn);

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordRequest>
{
    // The request's own spelling (camelCase, as the auth seed has it), in the errors' keys and in their messages.
    private const string CurrentField = "currentPassword", NewField = "newPassword";

    public ChangePasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(Passwords.MaximumLength).WithName(CurrentField).OverridePropertyName(CurrentField);
        RuleFor(x => x.NewPassword).NotEmpty().Length(Passwords.MinimumLength, Passwords.MaximumLength).WithName(NewField).OverridePropertyName(NewField);
    }
}

internal static class ChangePasswordEndpoint
{
    public const string CurrentPasswordIncorrect = "Current password is incorrect";
    public const string PasswordChanged = "Mot de passe changé avec succès";

    public static void MapChangePassword(this RouteGroupBuilder group) =>
        group.MapPatch("/change-password", Handle)
            .RequireAuthorization(Policies.SignedIn)
            .Validate<ChangePasswordRequest>()
            .NoStore()
            .WithExample(UserExamples.ChangePasswordRequest, UserExamples.PasswordChanged)
            .WithName("ChangePassword")
            .WithSummary("Change my password")
            .WithDescription("Returns a fresh token; every token issued before is refused from then on.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, CurrentPasswordIncorrect)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.UserNotFound);

    private static async Task<Results<Ok<ChangePasswordResponse>, ProblemHttpResult>> Handle(
        ChangePasswordRequest request, AppUser user, NpgsqlDataSource dataSource, Passwords passwords, UserTokens tokens,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @TenantId AND id = @UserId", new { user.TenantId, user.UserId });
        if (row is null) return Problems.NotFound(ProblemMessages.UserNotFound);
        if (!await passwords.VerifyAsync(row.PasswordHash, request.CurrentPassword!, cancellationToken))
            return Problems.BadRequest(CurrentPasswordIncorrect);

        // A new stamp revokes every token that carries the old one.
        var stamp = Passwords.NewSecurityStamp();
        var hash = await passwords.HashAsync(request.NewPassword!, cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE users.users SET password_hash = @hash, security_stamp = @stamp, updated_at = @now
            WHERE tenant_id = @TenantId AND id = @UserId
            """, new { hash, stamp, now = clock.GetUtcNow().UtcDateTime, user.TenantId, user.UserId });

        var token = tokens.Issue(row.Id, row.TenantId, row.Role, row.StoreId, stamp);
        return TypedResults.Ok(new ChangePasswordResponse(PasswordChanged, token, UserTokens.LifetimeText));
    }
}
