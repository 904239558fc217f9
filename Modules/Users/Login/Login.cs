using System.Text.Json.Serialization;
using RetailPerformer.Users.Accounts;

namespace RetailPerformer.Users.Login;

public sealed record LoginRequest(string? Email, string? Password);

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
        RuleFor(x => x.Email).NotEmpty().MaximumLength(Emails.MaximumLength);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(Passwords.MaximumLength);
    }
}

internal static class LoginEndpoint
{
    /// <summary>The auth seed's rule: one attempt every 5 seconds per account after a failure.</summary>
    public static readonly TimeSpan RetryDelayAfterFailure = TimeSpan.FromSeconds(5);

    public static void MapLogin(this RouteGroupBuilder group) =>
        group.MapPost("/login", Handle)
            .AllowAnonymous()
            .Validate<LoginRequest>()
            .WithName("Login")
            .WithSummary("Sign in")
            .WithDescription("Returns a bearer token for the app API. After a failed attempt on an account, another attempt on it within 5 s answers 429 with Retry-After.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Handle(
        LoginRequest request, NpgsqlDataSource dataSource, Passwords passwords, UserTokens tokens, TimeProvider clock,
        HttpContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE email_normalized = @email",
            new { email = Emails.Normalize(request.Email!) });

        if (user?.LastFailedLoginAt is { } lastFailure && now - lastFailure < RetryDelayAfterFailure)
        {
            var wait = RetryDelayAfterFailure - (now - lastFailure);
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return Problems.Status(StatusCodes.Status429TooManyRequests, ProblemMessages.TooManyLoginAttempts);
        }

        if (!passwords.Verify(user?.PasswordHash, request.Password!) || user is null)
        {
            if (user is not null)
                await connection.ExecuteAsync("UPDATE users.users SET last_failed_login_at = @now WHERE tenant_id = @TenantId AND id = @Id",
                    new { now, user.TenantId, user.Id });
            return Problems.Status(StatusCodes.Status401Unauthorized, ProblemMessages.InvalidCredentials);
        }

        if (user.Status != UserStatuses.Active)
            return Problems.Forbidden($"This account is {user.Status}");

        if (user.LastFailedLoginAt is not null)
            await connection.ExecuteAsync("UPDATE users.users SET last_failed_login_at = NULL WHERE tenant_id = @TenantId AND id = @Id",
                new { user.TenantId, user.Id });

        var token = tokens.Issue(user.Id, user.TenantId, user.Role, user.StoreId, user.SecurityStamp);
        return TypedResults.Ok(new LoginResponse(token, UserTokens.LifetimeText, "Bearer",
            new LoginUser(user.Id, user.Name, user.Email, user.Role, user.StoreId, user.TenantId)));
    }
}
