using System.Net;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole;

/// <summary>
/// The console acts on the integration routes as the signed-in person only with this process's secret: nobody else can
/// present a person's bearer token there, nor choose the address the sign-in throttles count them under.
/// </summary>
public sealed class ConsoleHopTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_persons_token_on_an_integration_route_without_the_consoles_secret_is_an_invalid_api_key()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var withToken = TestTenant.WithBearer(api, tenant.Token);
        (await (await withToken.GetAsync("/api/v1/integrations/my-stores")).ShouldBe(HttpStatusCode.Unauthorized)).Str("detail").ShouldBe("API key invalid");

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/integrations/my-stores");
        forged.Headers.Authorization = new("Bearer", tenant.Token);
        forged.Headers.Add(ConsoleHop.SecretHeader, new string('0', 64));
        forged.Headers.Add(ConsoleHop.ClientHeader, "203.0.113.7");
        (await (await api.Client().SendAsync(forged)).ShouldBe(HttpStatusCode.Unauthorized)).Str("detail").ShouldBe("API key invalid");
    }

    [Fact]
    public async Task A_forged_client_address_does_not_escape_the_sign_in_throttle()
    {
        var email = TestTenant.UniqueEmail();
        async Task<HttpStatusCode> WrongSignInFrom(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { email, password = "not-the-password-1" }),
            };
            request.Headers.Add(ConsoleHop.SecretHeader, new string('0', 64));
            request.Headers.Add(ConsoleHop.ClientHeader, address);
            return (await api.Client().SendAsync(request)).StatusCode;
        }
        (await WrongSignInFrom("203.0.113.1")).ShouldBe(HttpStatusCode.Unauthorized);
        // Another claimed address, the same real one: still throttled.
        (await WrongSignInFrom("203.0.113.2")).ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
