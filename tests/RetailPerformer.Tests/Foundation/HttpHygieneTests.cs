using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

public sealed class HttpHygieneTests(FaultyApiFactory api) : IClassFixture<FaultyApiFactory>
{
    [Fact]
    public async Task Answers_carrying_a_secret_or_a_token_are_no_store()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var gerant = tenant.Gerant();

        var created = await gerant.PostJson("/api/gerant/api-keys", new { name = "k", permissions = new[] { "stats:read" } });
        var key = await created.ShouldBe(HttpStatusCode.Created);
        var regenerated = await gerant.PostAsync($"/api/gerant/api-keys/{key.GetProperty("api_key").Id("id")}/regenerate", null);
        regenerated.StatusCode.ShouldBe(HttpStatusCode.Created);
        var login = await api.Client().PostJson("/api/auth/login", new { email = tenant.Email, password = TestTenant.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var email = TestTenant.UniqueEmail("m");
        await (await client.PostJson($"/api/v1/integrations/stores/{store}/managers", new { name = "M", email })).ShouldBe(HttpStatusCode.Created);
        var code = System.Text.RegularExpressions.Regex.Match(api.Logs.Lines.Last(l => l.Contains(email)), "token=([A-Za-z0-9_-]+)").Groups[1].Value;
        var accepted = await api.Client().PostJson("/api/auth/accept-invitation", new { token = code, password = "manager-password" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Last: it revokes the gérant's token.
        var changed = await gerant.PatchAsync("/api/auth/change-password", JsonContent.Create(new { currentPassword = TestTenant.Password, newPassword = "another-password-1" }));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var answer in new[] { created, regenerated, login, changed, accepted })
            answer.Headers.CacheControl?.NoStore.ShouldBeTrue(answer.RequestMessage!.RequestUri!.ToString());
    }

    [Fact]
    public async Task Every_answer_says_nosniff_errors_and_failures_included()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var answers = new[]
        {
            await api.Client().GetAsync("/health"),
            await api.Client().GetAsync("/nothing-here"),
            await api.Client().GetAsync("/api/v1/integrations/me"),
            await tenant.Gerant().PostAsync("/api/gerant/api-keys", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
            await api.Client().GetAsync("/__bug"),
            await api.Client().GetAsync("/scalar"),
            await api.Client().GetAsync("/openapi/v1.json"),
        };
        answers.Select(a => (int)a.StatusCode).ShouldBe([200, 404, 401, 400, 500, 200, 200]);
        foreach (var answer in answers)
            answer.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], answer.RequestMessage!.RequestUri!.ToString());
    }

    [Theory]
    [InlineData("/openapi/v2.json")]
    [InlineData("/openapi/internal.json")]
    [InlineData("/api/v1/integrations/%FF%FE")]
    [InlineData("/api/v1/%ZZ")]
    public async Task What_the_server_refuses_on_its_own_is_problem_details(string path)
    {
        var response = await api.Client().GetAsync(path);
        await response.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Head_answers_every_get_route_with_the_get_status_and_headers_and_no_body()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stores:read", "stores:write", "users:write", "kpi:write", "stats:read");
        var client = tenant.WithKey(key.Secret);
        var store = await tenant.CreateStoreAsync(client);
        var seller = await tenant.CreateSellerAsync(client, store);
        var webhook = await (await tenant.Gerant().PostJson("/api/gerant/webhooks", new { url = "http://127.0.0.1:9/hook", event_types = new[] { "kpi.synced" } }))
            .ShouldBe(HttpStatusCode.Created);

        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("get", out _)).Select(p => p.Name).ToList();
        paths.Count.ShouldBeGreaterThan(10);
        paths.AddRange(["/scalar", "/health"]);

        foreach (var template in paths)
        {
            var id = template.StartsWith("/api/gerant/webhooks") ? webhook.GetProperty("endpoint").Id("id") : key.Id;
            var path = template.Replace("{store_id}", store.ToString()).Replace("{user_id}", seller.ToString()).Replace("{id}", id.ToString())
                       + (template.EndsWith("my-stats") || template.EndsWith("coverage") ? "?start_date=2024-01-01&end_date=2024-01-31" : "");
            HttpRequestMessage Request(HttpMethod method)
            {
                var request = new HttpRequestMessage(method, path);
                request.Headers.Add("X-API-Key", key.Secret);
                request.Headers.Authorization = path.StartsWith("/api/v1") || path.StartsWith("/api/integrations") ? null : new("Bearer", tenant.Token);
                return request;
            }
            var get = await api.Client().SendAsync(Request(HttpMethod.Get));
            var head = await api.Client().SendAsync(Request(HttpMethod.Head));

            head.StatusCode.ShouldBe(get.StatusCode, path);
            get.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            head.Content.Headers.ContentType?.MediaType.ShouldBe(get.Content.Headers.ContentType?.MediaType, path);
            (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty(path);
        }
    }
}

public sealed class PublicUrlTests(PublicUrlApiFactory api) : IClassFixture<PublicUrlApiFactory>
{
    [Fact]
    public async Task The_openapi_servers_url_comes_from_configuration_never_from_the_host_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        var response = await api.Client().SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var servers = document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.Str("url")).ToList();
        servers.ShouldBe([PublicUrlApiFactory.PublicUrl]);
    }
}
