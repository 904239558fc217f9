
namespace RetailPerformer.Users.Register;

[RequestSchema]
public sealed record RegisterRequest([property: Required] string? Name, [property: Required] string? Email, [property: Required] string? Password);

public sealed record RegisterResponse(Guid Id, string Name, string Email, string Role, Guid TenantId, DateTime CreatedAt);

internal sealed class RegisterValidator : AbstractValidator<RegisterRequest>
{
    public RegisterValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100).NoControlCharacters();
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.Password).NotEmpty().Length(Passwords.MinimumLength, Passwords.MaximumLength);
    }
}

internal static class RegisterEndpoint
{
    public static void MapRegister(this RouteGroupBuilder group) =>
        group.MapPost("/register", Handle)
            .AllowAnonymous()
            .LimitPerClientAddress()
            .Validate<RegisterRequest>()
            .WithExample(UserExamples.RegisterRequest, UserExamples.Registered)
            .WithName("Register")
            .WithSummary("Sign up as a gérant")
            .WithDescription("Creates the gérant's account and their tenant (the chain). Email is unique across the product, case-insensitively.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.EmailAlreadyRegistered)
            .DocumentsProblem(StatusCodes.Status503ServiceUnavailable, Passwords.BusyMessage);

    private static async Task<Results<Created<RegisterResponse>, ProblemHttpResult>> Handle(
        RegisterRequest request, NpgsqlDataSource dataSource, Passwords passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tenantId = Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        var name = request.Name!.Trim();
        var email = Emails.Clean(request.Email!);
        var hash = await passwords.HashAsync(request.Password!, cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("INSERT INTO users.tenants (id, name, created_at) VALUES (@tenantId, @name, @now)",
            new { tenantId, name, now }, transaction);
        var inserted = await connection.ExecuteAsync($"""
            INSERT INTO users.users (tenant_id, id, role, name, email, email_normalized, password_hash, security_stamp, created_at, updated_at)
            VALUES (@tenantId, @userId, 'gerant', @name, {Emails.StoredSql("@email")}, {Emails.ComparedSql("@normalized")}, @hash, @stamp, @now, @now)
            ON CONFLICT (email_normalized) WHERE status <> 'deleted' DO NOTHING
            """,
            new { tenantId, userId, name, email, normalized = Emails.Normalize(email), hash, stamp = Passwords.NewSecurityStamp(), now },
            transaction);
        if (inserted == 0) return Problems.BadRequest(UserMessages.EmailAlreadyRegistered);
        await transaction.CommitAsync(cancellationToken);

        return TypedResults.Created("/api/auth/me", new RegisterResponse(userId, name, email, Roles.Gerant, tenantId, now));
    }
}
