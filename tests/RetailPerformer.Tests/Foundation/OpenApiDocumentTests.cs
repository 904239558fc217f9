using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>
/// The reference says what the API does (issue 17): every body and every error has an example; what it marks
/// required is what the API refuses without, what it leaves optional the API takes without; error examples carry
/// the type and title the API really answers with.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_operation_shows_examples_of_its_request_its_answers_and_its_errors()
    {
        var missing = new List<string>();
        foreach (var (name, operation) in Operations(await DocumentAsync()))
        {
            if (operation["requestBody"]?["content"]?["application/json"] is JsonObject request && !HasExample(request))
                missing.Add($"{name}: request");
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                var content = response!["content"]?.AsObject();
                if (content is null && status != "304") missing.Add($"{name}: {status} has no body");
                foreach (var (mediaType, body) in content ?? [])
                    if (!HasExample(body!.AsObject())) missing.Add($"{name}: {status} {mediaType}");
                if (int.Parse(status) >= 400 && content?.ContainsKey("application/problem+json") != true)
                    missing.Add($"{name}: {status} is not a problem");
            }
        }
        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_operations_say_so_and_operation_ids_are_unique()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ShouldBeUnique();
        foreach (var path in new[] { "GET /health", "POST /health", "POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/accept-invitation" })
            operations.Single(o => o.Name == path).Operation["security"]!.AsArray().ShouldBeEmpty(path);
        operations.Single(o => o.Name == "GET /api/auth/me").Operation["security"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_reference_lists_the_integration_api_v1_first_and_describes_every_tag()
    {
        var document = await DocumentAsync();
        var tags = document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        tags.Take(5).ShouldBe(["API key", "Stores", "People", "KPI", "Statistics"]);
        document["tags"]!.AsArray().ShouldAllBe(t => !string.IsNullOrWhiteSpace(t!["description"]!.GetValue<string>()));
        var usedTags = Operations(document).SelectMany(o => o.Operation["tags"]!.AsArray().Select(t => t!.GetValue<string>())).Distinct();
        usedTags.Except(tags).ShouldBeEmpty();
        Operations(document).Single(o => o.Name == "POST /api/integrations/kpi/sync").Operation["tags"]![0]!.GetValue<string>().ShouldBe("KPI (v1.0 notice)");
        document["x-tagGroups"]![0]!["name"]!.GetValue<string>().ShouldContain("/api/v1/integrations");
    }

    [Fact]
    public async Task Types_are_exact()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        var entry = schemas["SyncKpiEntry"]!["properties"]!;
        entry["ca_journalier"]!["type"]!.GetValue<string>().ShouldBe("number");
        entry["nb_ventes"]!["type"]!.GetValue<string>().ShouldBe("integer");
        entry["seller_id"]!["format"]!.GetValue<string>().ShouldBe("uuid");
        schemas["SyncKpiRequest"]!["properties"]!["date"]!["format"]!.GetValue<string>().ShouldBe("date");
        schemas["StoreResponse"]!["properties"]!["name"]!["type"]!.GetValue<string>().ShouldBe("string");
        schemas["StoreResponse"]!["properties"]!["address"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["null", "string"], ignoreOrder: true);
        var permissions = schemas["CreateApiKeyRequest"]!["properties"]!["permissions"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());
        permissions.ShouldBe(["stores:read", "stores:write", "users:write", "kpi:write", "stats:read", "write:stores", "write:users", "write:kpi", "read:stats"], ignoreOrder: true);

        var myStats = Operations(await DocumentAsync()).Single(o => o.Name == "GET /api/v1/integrations/my-stats").Operation["parameters"]!.AsArray();
        foreach (var name in new[] { "start_date", "end_date" })
        {
            var parameter = myStats.Single(p => p!["name"]!.GetValue<string>() == name)!;
            parameter["required"]!.GetValue<bool>().ShouldBeTrue(name);
            parameter["schema"]!["format"]!.GetValue<string>().ShouldBe("date");
        }
    }

    [Fact]
    public async Task The_headers_that_come_with_answers_are_documented()
    {
        var operations = Operations(await DocumentAsync()).ToDictionary(o => o.Name, o => o.Operation);
        string[] HeadersOf(string operation, string status) =>
            operations[operation]["responses"]![status]!["headers"]?.AsObject().Select(h => h.Key).ToArray() ?? [];

        HeadersOf("POST /api/v1/integrations/stores", "201").ShouldContain("Location");
        HeadersOf("POST /api/v1/integrations/stores", "201").ShouldContain("Idempotent-Replayed");
        HeadersOf("POST /api/gerant/api-keys", "201").ShouldContain("Location");
        HeadersOf("GET /api/v1/integrations/stores", "200").ShouldContain("ETag");
        HeadersOf("GET /api/v1/integrations/my-stores", "304").ShouldContain("ETag");
        HeadersOf("GET /api/v1/integrations/me", "401").ShouldContain("WWW-Authenticate");
        HeadersOf("GET /api/v1/integrations/me", "200").ShouldContain("RateLimit-Remaining");
        HeadersOf("POST /api/v1/integrations/kpi/sync", "429").ShouldContain("Retry-After");
        HeadersOf("POST /api/v1/integrations/kpi/sync", "503").ShouldContain("Retry-After");
        HeadersOf("POST /api/auth/login", "429").ShouldContain("Retry-After");
        operations["POST /api/v1/integrations/kpi/sync"]["responses"]!.AsObject().Select(r => r.Key).ShouldContain("409");
        operations["POST /api/v1/integrations/kpi/sync"]["responses"]!.AsObject().Select(r => r.Key).ShouldContain("422");
    }

    /// <summary>
    /// For every operation with a JSON body: the example without one required field is a 400 naming that field, and the
    /// example without all its optional fields is not refused for any of them (the API and the reference agree).
    /// </summary>
    [Fact]
    public async Task Required_fields_are_what_the_api_refuses_without_and_optional_ones_are_optional()
    {
        var document = await DocumentAsync();
        var tenant = await TestTenant.CreateAsync(api);
        var integration = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(integration);
        var (_, sellerToken) = await tenant.SignedInPersonAsync(integration, store, "seller");
        var (_, managerToken) = await tenant.SignedInPersonAsync(integration, store, "manager");
        var checkedFields = 0;

        foreach (var (name, operation) in Operations(document))
        {
            if (operation["requestBody"]?["content"]?["application/json"] is not JsonObject body) continue;
            var method = new HttpMethod(name.Split(' ')[0]);
            var path = System.Text.RegularExpressions.Regex.Replace(name.Split(' ')[1], "{[^}]+}", Guid.NewGuid().ToString());
            var client = path.StartsWith("/api/v1/integrations") || path.StartsWith("/api/integrations") ? integration
                : path.StartsWith("/api/seller") ? TestTenant.WithBearer(api, sellerToken)
                : path.StartsWith("/api/manager") ? TestTenant.WithBearer(api, managerToken)
                : path is "/api/auth/register" or "/api/auth/login" or "/api/auth/accept-invitation" ? api.Client()
                : tenant.Gerant();
            var schema = Resolve(document, body["schema"]!);
            var example = body["example"]!.AsObject();
            var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            // anyOf of required lists: one of those fields is needed (store_id or store_external_id).
            var oneOf = schema["anyOf"]?.AsArray().Select(a => a!["required"]![0]!.GetValue<string>()).ToList() ?? [];
            var optional = schema["properties"]!.AsObject().Select(p => p.Key).Where(p => !required.Contains(p) && !oneOf.Contains(p)).ToList();
            if (oneOf.Count > 0)
            {
                var withNone = example.DeepClone().AsObject();
                foreach (var field in oneOf) withNone.Remove(field);
                var refused = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(withNone) });
                refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{name} without any of {string.Join(", ", oneOf)}");
                (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
                    .ShouldContain(oneOf[0], $"{name} without any of {string.Join(", ", oneOf)}");
            }

            foreach (var field in required)
            {
                var withoutIt = example.DeepClone().AsObject();
                withoutIt.Remove(field);
                var answer = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(withoutIt) });
                answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{name} without {field}");
                var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
                problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field, $"{name} without {field}");
                checkedFields++;
            }

            if (optional.Count == 0) continue;   // (and the whole example may really act: a password change)
            var withoutOptional = example.DeepClone().AsObject();
            foreach (var field in optional) withoutOptional.Remove(field);
            var minimal = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(withoutOptional) });
            if (minimal.StatusCode == HttpStatusCode.BadRequest
                && (await minimal.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("errors", out var errors))
                errors.EnumerateObject().Select(e => e.Name).ShouldNotContain(e => optional.Contains(e), $"{name} refused an optional field's absence");
        }
        checkedFields.ShouldBeGreaterThan(25);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(429)]
    public async Task Error_examples_carry_the_type_and_title_the_api_answers_with(int status)
    {
        var document = await DocumentAsync();
        var tenant = await TestTenant.CreateAsync(api);
        var readOnly = tenant.WithKey((await tenant.CreateKeyAsync("stores:read")).Secret);
        var (operation, answer) = status switch
        {
            400 => ("POST /api/v1/integrations/stores", await (await tenant.AllPowerfulAsync()).PostAsJsonAsync("/api/v1/integrations/stores", new { })),
            401 => ("GET /api/v1/integrations/me", await api.Client().GetAsync("/api/v1/integrations/me")),
            403 => ("POST /api/v1/integrations/stores", await readOnly.PostAsJsonAsync("/api/v1/integrations/stores", new { name = "A", location = "B" })),
            404 => ("GET /api/v1/integrations/stores/{store_id}", await readOnly.GetAsync($"/api/v1/integrations/stores/{Guid.NewGuid()}")),
            _ => ("POST /api/auth/login", await TwoWrongSignIns()),
        };
        ((int)answer.StatusCode).ShouldBe(status);
        var real = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        var examples = Operations(document).Single(o => o.Name == operation).Operation["responses"]![status.ToString()]!["content"]!["application/problem+json"]!["examples"]!.AsObject();
        var shown = examples.Select(e => (Type: (string?)e.Value!["value"]!["type"], Title: (string)e.Value["value"]!["title"]!, Detail: (string)e.Value["value"]!["detail"]!)).ToList();
        var (type, title, detail) = ((string?)real["type"], (string)real["title"]!, (string)real["detail"]!);
        shown.ShouldContain(e => e.Type == type && e.Title == title, $"{operation} answers {type} {title}");
        if (status != 400) shown.ShouldContain(e => e.Detail == detail, $"{operation} answers {detail}, which no example of its {status} shows");
    }

    private async Task<HttpResponseMessage> TwoWrongSignIns()
    {
        var wrong = new { email = TestTenant.UniqueEmail(), password = "not-the-password-1" };
        await api.Client().PostAsJsonAsync("/api/auth/login", wrong);
        return await api.Client().PostAsJsonAsync("/api/auth/login", wrong);
    }

    private async Task<JsonObject> DocumentAsync() => JsonNode.Parse(await api.Client().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(method => ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject())));

    private static bool HasExample(JsonObject mediaType) => mediaType.ContainsKey("example") || mediaType["examples"] is JsonObject { Count: > 0 };

    private static JsonObject Resolve(JsonObject document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/').Last()]!.AsObject()
            : schema.AsObject();
}
