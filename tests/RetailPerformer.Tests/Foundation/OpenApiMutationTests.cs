using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>
/// Walks every operation of the OpenAPI document and sends it mutated path ids, query parameters and bodies —
/// missing fields, nulls, wrong types, NUL characters, very long strings, extreme numbers and dates, broken JSON — as
/// the right caller (API key for the integration API, the gérant's, a manager's or a seller's token for the app API),
/// so that validation is reached. No answer may be a 5xx; every 4xx is problem details.
/// </summary>
public sealed class OpenApiMutationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string Long = new('x', 10_000);

    private static readonly JsonNode?[] ValueMutations =
    [
        null, JsonValue.Create("x"), JsonValue.Create(""), JsonValue.Create("a\u0000b"), JsonValue.Create(Long),
        JsonValue.Create(-1), JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(2147483648L), JsonValue.Create(0.001m),
        JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create("9999-12-31"), JsonValue.Create("0001-01-01"),
        JsonValue.Create("2024-02-30"), JsonValue.Create("{00000000-0000-0000-0000-000000000000}"), JsonValue.Create("\u202e\u200b"),
    ];

    private static readonly string[] QueryMutations =
        ["", "x", "-1", "0", "99999999999999999999", "9999-12-31", "0001-01-01", "2024-13-45", "%00", "%FF", Long];

    private static readonly string[] RawBodies = ["", "null", "[]", "{", "\"text\"", "{\"a\":", "{}"];

    [Fact]
    public async Task No_mutated_request_to_any_documented_operation_gets_a_5xx()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stores:read", "stores:write", "users:write", "kpi:write", "stats:read");
        var integration = tenant.WithKey(key.Secret);
        var store = await tenant.CreateStoreAsync(integration);
        var seller = await tenant.CreateSellerAsync(integration, store);
        var (_, sellerToken) = await tenant.SignedInPersonAsync(integration, store, "seller");
        var (_, managerToken) = await tenant.SignedInPersonAsync(integration, store, "manager");
        var spareKey = await tenant.CreateKeyAsync("stats:read");   // the one regenerated and deactivated below

        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var root = JsonNode.Parse(document.RootElement.GetRawText())!;
        var operations = root["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => (Path: path.Key, Method: o.Key.ToUpperInvariant(), Operation: o.Value!)))
            // Destructive operations last, so that the others run against live data; change-password last of all (it signs the gérant out).
            .OrderBy(o => o.Path.EndsWith("change-password") ? 2 : o.Method is "DELETE" || o.Path.EndsWith("regenerate") ? 1 : 0)
            .ToList();
        operations.Count.ShouldBeGreaterThan(40);

        var failures = new List<string>();
        var sent = 0;
        foreach (var (template, method, operation) in operations)
        {
            string Path(string? storeId = null, string? userId = null, string? keyId = null) => template
                .Replace("{store_id}", storeId ?? store.ToString()).Replace("{user_id}", userId ?? seller.ToString()).Replace("{id}", keyId ?? spareKey.Id.ToString());
            var queryNames = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query")
                .Select(p => p!["name"]!.GetValue<string>()).ToList();
            var baseQuery = queryNames.ToDictionary(n => n, n => n.EndsWith("date") ? (n.StartsWith("start") ? "2024-01-01" : "2024-01-31") : "1");
            var body = BaseBody(root, operation, store, seller);

            async Task Send(string path, IReadOnlyDictionary<string, string> query, string? json)
            {
                var url = path + (query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{q.Key}={q.Value}")));
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (template.StartsWith("/api/v1/integrations") || template.StartsWith("/api/integrations")) request.Headers.Add("X-API-Key", key.Secret);
                else
                    request.Headers.Authorization = new("Bearer",
                        template.StartsWith("/api/seller") ? sellerToken : template.StartsWith("/api/manager") ? managerToken : tenant.Token);
                if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                var response = await api.Client().SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                var what = $"{method} {url[..Math.Min(url.Length, 200)]} {json?[..Math.Min(json.Length, 300)]} → {status}";
                if (status >= 500) failures.Add(what + " " + await response.Content.ReadAsStringAsync());
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && response.Content.Headers.ContentLength != 0)
                    failures.Add(what + " is not problem details");
            }

            // Path ids.
            foreach (var id in new[] { "x", Guid.NewGuid().ToString(), "{" + store + "}", store.ToString("N").ToUpperInvariant(), Long[..2000], "%FF%FE", "%2F" })
                if (template.Contains('{'))
                    await Send(Path(id, id, id), baseQuery, body?.ToJsonString());
            // Query parameters, one at a time, then all at once (a period from 9999-12-31 to 9999-12-31).
            foreach (var value in QueryMutations)
            {
                foreach (var name in queryNames)
                    await Send(Path(), new Dictionary<string, string>(baseQuery) { [name] = value }, body?.ToJsonString());
                if (queryNames.Count > 1) await Send(Path(), queryNames.ToDictionary(n => n, _ => value), body?.ToJsonString());
            }
            if (body is null) { await Send(Path(), baseQuery, null); continue; }
            // Whole bodies, then each property (and each property of the first item of an array of objects).
            foreach (var raw in RawBodies) await Send(Path(), baseQuery, raw);
            foreach (var mutated in Mutations(body)) await Send(Path(), baseQuery, mutated.ToJsonString());
        }

        sent.ShouldBeGreaterThan(1000);
        failures.ShouldBeEmpty($"{failures.Count} answers:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>A plausible valid body: the operation's own example when it has one, else one built from the schema's field names.</summary>
    private static JsonObject? BaseBody(JsonNode root, JsonNode operation, Guid store, Guid seller)
    {
        var content = operation["requestBody"]?["content"]?["application/json"];
        if (content is null) return null;
        if (content["example"] is JsonObject example)
        {
            var text = example.ToJsonString();
            foreach (var id in System.Text.RegularExpressions.Regex.Matches(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Select(m => m.Value).Distinct())
                text = text.Replace(id, text.Contains($"\"store_id\":\"{id}\"") ? store.ToString() : seller.ToString());
            var parsed = JsonNode.Parse(text)!.AsObject();
            // One item per array: the examples' several sellers all became the test's one seller.
            foreach (var (name, value) in parsed.ToList())
                if (value is JsonArray { Count: > 1 } items && items[0] is JsonObject)
                    parsed[name] = new JsonArray(items[0]!.DeepClone());
            return parsed;
        }
        var schema = Resolve(root, content["schema"]!);
        var body = new JsonObject();
        foreach (var (name, _) in schema["properties"]?.AsObject() ?? [])
            body[name] = name switch
            {
                "store_id" => store.ToString(),
                "seller_id" or "user_id" => seller.ToString(),
                "date" => "2024-01-15",
                "email" => TestTenant.UniqueEmail("fuzz"),
                "password" or "currentPassword" or "newPassword" => TestTenant.Password,
                "permissions" => new JsonArray("stats:read"),
                "token" => "no-such-invitation",
                var n when n.StartsWith("ca_") => 100.5,
                var n when n.StartsWith("nb_") => 3,
                _ => "Fuzz",
            };
        return body;
    }

    private static JsonNode Resolve(JsonNode root, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? root["components"]!["schemas"]![reference.Split('/')[^1]]! : schema;

    private static IEnumerable<JsonObject> Mutations(JsonObject body)
    {
        foreach (var (name, value) in body.ToList())
        {
            var without = body.DeepClone().AsObject();
            without.Remove(name);
            yield return without;
            foreach (var mutation in ValueMutations)
            {
                var changed = body.DeepClone().AsObject();
                changed[name] = mutation?.DeepClone();
                yield return changed;
            }
            if (value is JsonArray { Count: > 0 } array && array[0] is JsonObject item)
            {
                foreach (var itemMutation in Mutations(item))
                {
                    var changed = body.DeepClone().AsObject();
                    changed[name] = new JsonArray(itemMutation);
                    yield return changed;
                }
                // The first item again, its ids spelled another way (no hyphens, upper case, braces): still the same ids.
                foreach (var format in new[] { "N", "B", "D" })
                {
                    var again = item.DeepClone().AsObject();
                    foreach (var (field, fieldValue) in item)
                        if (fieldValue is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id))
                            again[field] = format == "D" ? id.ToString().ToUpperInvariant() : id.ToString(format);
                    var changed = body.DeepClone().AsObject();
                    changed[name]!.AsArray().Add(again);
                    yield return changed;
                }
            }
        }
    }
}
