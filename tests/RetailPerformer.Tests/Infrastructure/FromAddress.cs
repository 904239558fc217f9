using System.Net;
using System.Net.Http.Json;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>Requests that speak for a client address of their own, through a host that trusts loopback as its proxy.</summary>
public static class FromAddress
{
    private static int _next;

    /// <summary>A documentation address (TEST-NET-3) no other test uses.</summary>
    public static string New()
    {
        var n = Interlocked.Increment(ref _next);
        return $"203.0.{113 + n / 250 % 100}.{n % 250 + 1}";
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }

    public static async Task<string> RegisterAsync(ApiFactory api)
    {
        var email = TestTenant.UniqueEmail();
        await (await api.Client().Post("/api/auth/register", new { name = "Gérant", email, password = TestTenant.Password }, New()))
            .ShouldBe(HttpStatusCode.Created);
        return email;
    }
}

