using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

public sealed class ErrorTests(FaultyApiFactory api) : IClassFixture<FaultyApiFactory>
{
    [Fact]
    public async Task Unknown_route_is_404_problem_details()
    {
        var body = await (await api.Client().GetAsync("/api/v1/integrations/nothing-here")).ShouldBe(HttpStatusCode.NotFound);
        body.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Wrong_method_is_405_problem_details_with_allow()
    {
        var response = await api.Client().DeleteAsync("/health");
        await response.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldContain("GET");
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"email\": \"EMAIL\", \"password\": \"password123\"")]
    [InlineData("{\"name\": \"x\" \"email\": \"EMAIL\", \"password\": \"password123\"}")]
    [InlineData("{'name': 'x', 'email': 'EMAIL', 'password': 'password123'}")]
    [InlineData("[{\"name\": \"x\", \"email\": \"EMAIL\", \"password\": \"password123\"}]")]
    public async Task Malformed_json_is_400_and_writes_nothing(string template)
    {
        var email = TestTenant.UniqueEmail();
        var body = await (await api.Client().PostRaw("/api/auth/register", template.Replace("EMAIL", email))).ShouldBe(HttpStatusCode.BadRequest);
        body.Str("detail").ShouldStartWith("Malformed JSON");
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", email)).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_type_is_400_naming_the_field()
    {
        var email = TestTenant.UniqueEmail();
        var body = await (await api.Client().PostRaw("/api/auth/register", $$"""{"name": {"nested": true}, "email": "{{email}}", "password": "password123"}"""))
            .ShouldBe(HttpStatusCode.BadRequest);
        body.Str("detail").ShouldContain("$.name");
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE email_normalized = $1", email)).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        await (await api.Client().PostRaw("/api/auth/register", "name=x", "application/x-www-form-urlencoded"))
            .ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var huge = "{\"name\": \"" + new string('x', 300 * 1024) + "\"}";
        await (await api.Client().PostRaw("/api/auth/register", huge)).ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unexpected_failure_is_500_with_a_trace_id_and_no_internals()
    {
        var response = await api.Client().GetAsync("/__bug");
        var body = await response.ShouldBe(HttpStatusCode.InternalServerError);
        var text = body.GetRawText();
        body.Str("trace_id").ShouldNotBeNullOrWhiteSpace();
        text.ShouldNotContain("SELECT");
        text.ShouldNotContain("InvalidOperationException");
        text.ShouldNotContain(" at ");
        // …but the operator can find it in the log by the same trace.
        api.Logs.Contain(FaultyApiFactory.SecretSql).ShouldBeTrue();
    }
}
