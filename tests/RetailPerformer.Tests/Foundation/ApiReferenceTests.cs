using System.Net;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

public sealed class ApiReferenceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task OpenApi_document_is_3_1_with_product_text_servers_and_both_security_schemes()
    {
        var response = await api.Client().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;

        root.Str("openapi").ShouldStartWith("3.1");
        root.GetProperty("info").Str("title").ShouldBe("Retail Performer API");
        root.GetProperty("info").Str("description").ShouldContain("/api/v1/integrations");
        root.GetProperty("servers").GetArrayLength().ShouldBeGreaterThan(0);

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        var apiKey = schemes.GetProperty("ApiKey");
        apiKey.Str("type").ShouldBe("apiKey");
        apiKey.Str("in").ShouldBe("header");
        apiKey.Str("name").ShouldBe("X-API-Key");
        var bearer = schemes.GetProperty("Bearer");
        bearer.Str("type").ShouldBe("http");
        bearer.Str("scheme").ShouldBe("bearer");
    }

    [Fact]
    public async Task Integration_operations_require_the_api_key_scheme_and_app_operations_the_bearer_scheme()
    {
        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        SchemesOf(paths.GetProperty("/api/v1/integrations/me").GetProperty("get")).ShouldBe(["ApiKey"]);
        SchemesOf(paths.GetProperty("/api/gerant/api-keys").GetProperty("post")).ShouldBe(["Bearer"]);
        paths.GetProperty("/health").GetProperty("get").GetProperty("security").GetArrayLength().ShouldBe(0);   // anonymous, said explicitly

        // The scope a key needs, one requirement per accepted scope (alternatives); none for /me.
        ScopesOf(paths.GetProperty("/api/v1/integrations/me").GetProperty("get")).ShouldBe([""]);
        ScopesOf(paths.GetProperty("/api/v1/integrations/kpi/sync").GetProperty("post")).ShouldBe(["kpi:write"]);
        ScopesOf(paths.GetProperty("/api/integrations/my-stores").GetProperty("get")).ShouldBe(["stats:read", "stores:read"]);
    }

    private static string[] ScopesOf(JsonElement operation) =>
        operation.GetProperty("security").EnumerateArray()
            .Select(r => string.Join(" ", r.GetProperty("ApiKey").EnumerateArray().Select(s => s.GetString()))).ToArray();

    [Theory]
    [InlineData("/api/v1/integrations/me", "IntegrationMeResponse")]   // answered with pre-serialized bytes
    [InlineData("/api/v1/integrations/my-stores", "MyStoresResponse")] // answered with BufferedJson
    public async Task Answers_written_without_Ok_still_document_their_200_schema(string path, string schema)
    {
        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var ok = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        ok.GetProperty("schema").Str("$ref").ShouldEndWith("/" + schema);
    }

    [Fact]
    public async Task Operations_carry_the_seeds_examples()
    {
        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var createStore = paths.GetProperty("/api/v1/integrations/stores").GetProperty("post");
        createStore.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example")
            .Str("name").ShouldBe("Skyco Marseille");
        var sync = paths.GetProperty("/api/integrations/kpi/sync").GetProperty("post");
        sync.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example")
            .Str("message").ShouldBe("KPI synchronized successfully");
        sync.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
    }

    private static string[] SchemesOf(JsonElement operation) =>
        operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToArray();

    [Fact]
    public async Task Scalar_page_and_its_bundle_are_served_by_the_host_with_no_external_script()
    {
        var page = await api.Client().GetAsync("/scalar");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("src=\"/scalar/standalone.js\"");
        html.ShouldContain("/openapi/v1.json");
        html.ShouldNotContain("https://");

        var bundle = await api.Client().GetAsync("/scalar/standalone.js");
        bundle.StatusCode.ShouldBe(HttpStatusCode.OK);
        bundle.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        var script = await bundle.Content.ReadAsStringAsync();
        script.Length.ShouldBeGreaterThan(1_000_000);
        script.ShouldContain("createApiReference");
    }
}
