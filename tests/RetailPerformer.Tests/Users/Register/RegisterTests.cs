using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Users.Data;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Users.Register;

public sealed class RegisterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Register_creates_a_gerant_and_a_tenant()
    {
        var email = TestTenant.UniqueEmail();
        var response = await api.Client().PostJson("/api/auth/register", new { name = "Alice Martin", email, password = "password123" });
        var body = await response.ShouldBe(HttpStatusCode.Created);

        body.Str("name").ShouldBe("Alice Martin");
        body.Str("email").ShouldBe(email);
        body.Str("role").ShouldBe("gerant");
        body.Id("id").ShouldNotBe(Guid.Empty);
        (await api.Scalar<long>("SELECT count(*) FROM users.tenants WHERE id = $1", body.Id("tenant_id"))).ShouldBe(1);
        // Stored hashed, never in clear.
        var hash = await api.Scalar<string>("SELECT password_hash FROM users.users WHERE id = $1", body.Id("id"));
        hash.ShouldNotBeNull();
        hash.ShouldNotContain("password123");
    }

    [Fact]
    public async Task Register_with_an_email_already_registered_in_any_case_is_400()
    {
        var email = TestTenant.UniqueEmail();
        await (await api.Client().PostJson("/api/auth/register", new { name = "A", email, password = "password123" })).ShouldBe(HttpStatusCode.Created);

        var again = await api.Client().PostJson("/api/auth/register", new { name = "B", email = "  " + email.ToUpperInvariant(), password = "password456" });

        await again.ShouldBeProblem(HttpStatusCode.BadRequest, UserMessages.EmailAlreadyRegistered);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", email)).ShouldBe(1);
        (await api.Scalar<long>("SELECT count(*) FROM users.tenants t WHERE NOT EXISTS (SELECT 1 FROM users.users u WHERE u.tenant_id = t.id)")).ShouldBe(0);
    }

    [Theory]
    [InlineData(null, "x@example.test", "password123", "name")]
    [InlineData("A", null, "password123", "email")]
    [InlineData("A", "not-an-email", "password123", "email")]
    [InlineData("A", "x@example.test", null, "password")]
    [InlineData("A", "x@example.test", "short", "password")]
    public async Task Register_with_a_missing_or_malformed_field_is_400_naming_it_and_writes_nothing(string? name, string? email, string? password, string field)
    {
        var unique = email?.Replace("x@", $"x{Guid.NewGuid():N}@");
        var body = await (await api.Client().PostJson("/api/auth/register", new { name, email = unique, password })).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.GetRawText());
        if (unique is not null)
            (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", unique)).ShouldBe(0);
    }
}
