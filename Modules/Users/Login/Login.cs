using System.Text.Json.Serialization;

namespace RetailPerformer.Users.Login;

[RequestSchema]
public sealed record LoginRequest([property: Required] string? Email, [property: Required] string? Password);

public sealed record LoginUser(Guid Id, string Name, string Email, string Role, Guid? StoreId, Guid TenantId);

/// <summary>The auth seed's shape: <c>token</c>, <c>expiresIn</c> (camelCase there), <c>user</c>.</summary>
public sealed record LoginResponse(
    string Token,
    [property: JsonPropertyName("expiresIn")] string ExpiresIn,
    string TokenType,
    LoginUser User);

internal sealed class LoginValidator : AbstractValidator<LoginRequest>
{
    public LoginValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(Emails.MaximumLength).NoControlCharacters();
        RuleFor(x => x.Password).NotEmpty().MaximumLength(Passwords.MaximumLength);
    }
}

internal static class LoginEndpoint
{
    public static void MapLogin(this RouteGroupBuilder group) =>
        group.MapPost("/login", Handle)
            .AllowAnonymous()
            .LimitPerClientAddress()
            .Validate<LoginRequest>()
            .NoStore()
            .WithExample(UserExamples.LoginRequest, UserExamples.SignedIn)
            .WithName("Login")
            .WithSummary("Sign in")
            .WithDescription("""
                Returns a bearer token for the app API. After a failed attempt, another attempt on the same account from the same
                address within 5 s answers 429 with Retry-After (unknown emails alike); more than 20 failures a minute on one account,
                from all addresses together, throttle it for everyone until the minute is over. An address making more than 30
                anonymous authentication requests a minute gets 429; when the host is checking as many passwords as it allows (a few a second), 503 with Retry-After.
                """)
            .DocumentsProblem(StatusCodes.Status401Unauthorized, UserMessages.InvalidCredentials)
            .DocumentsProblem(StatusCodes.Status403Forbidden, "This account is suspended")
            .DocumentsProblem(StatusCodes.Status429TooManyRequests, UserMessages.TooManyLoginAttempts)
            .DocumentsProblem(StatusCodes.Status503ServiceUnavailable, Passwords.BusyMessage);

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Handle(
        LoginRequest request, NpgsqlDataSource dataSource, Passwords passwords, UserTokens tokens, SignInThrottle throttle,
        HttpContext context, CancellationToken cancellationToken)
    {
        // First the host's capacity for one more password check: a flood is refused here, before any database work.
        using var check = passwords.TryAdmit(out var busyFor);
        if (check is null) return Busy(context, busyFor, Passwords.BusyMessage, StatusCodes.Status503ServiceUnavailable);
        var email = Emails.Normalize(request.Email!);
        var attempt = SignInThrottle.For(email, ClientAddresses.Of(context));
        if (await throttle.TryClaimAsync(attempt, cancellationToken) is { } wait)
            return Busy(context, wait, UserMessages.TooManyLoginAttempts, StatusCodes.Status429TooManyRequests);

        UserRow? user;
        bool valid;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // After a re-hire one email may name a deleted person and a current one: the current one signs in.
            user = await connection.QueryFirstOrDefaultAsync<UserRow>(
                $"SELECT {UserRow.Columns} FROM users.users WHERE email_normalized = {Emails.ComparedSql("@email")} ORDER BY status = 'deleted', created_at DESC LIMIT 1",
                new { email });
            valid = await check.VerifyAsync(user?.PasswordHash, request.Password!, cancellationToken);
        }
        catch
        {
            // Nothing was checked (the caller left, the database failed): the claim must not cost the user a delay.
            await throttle.ReleaseAsync(attempt);
            throw;
        }

        if (!valid || user is null)
        {
            await throttle.RecordFailureAsync(attempt);
            return Problems.Status(StatusCodes.Status401Unauthorized, UserMessages.InvalidCredentials);
        }
        await throttle.ReleaseAsync(attempt);

        if (user.Status != UserStatuses.Active)
            return Problems.Forbidden($"This account is {user.Status}");

        var token = tokens.Issue(user.Id, user.TenantId, user.Role, user.StoreId, user.SecurityStamp);
        return TypedResults.Ok(new LoginResponse(token, UserTokens.LifetimeText, "Bearer",
            new LoginUser(user.Id, user.Name, user.Email, user.Role, user.StoreId, user.TenantId)));
    }

    private static ProblemHttpResult Busy(HttpContext context, TimeSpan retryAfter, string detail, int status)
    {
        Problems.SetRetryAfter(context.Response, retryAfter);
        return Problems.Status(status, detail);
    }
}
