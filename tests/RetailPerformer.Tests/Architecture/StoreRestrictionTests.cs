using System.Net;
using System.Text;
using System.Text.Json;
using RetailPerformer.Shared.Http;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Architecture;

/// <summary>
/// The store restriction cannot be forgotten: every documented integration operation that reaches a store — a
/// <c>{store_id}</c> or <c>{user_id}</c> in its path, or a <c>store_id</c> in its body — answers 403 to a key restricted to
/// another store of the same tenant, before the slice runs (as the gate's test does for missing keys and scopes).
/// </summary>
public sealed class StoreRestrictionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_documented_route_that_reaches_a_store_is_403_for_a_key_restricted_to_another_store()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var mine = await tenant.CreateStoreAsync(admin);
        var theirs = await tenant.CreateStoreAsync(admin);
        var theirSeller = await tenant.CreateSellerAsync(admin, theirs);
        var restricted = tenant.WithKey((await tenant.CreateKeyAsync(new
        {
            name = "restricted", permissions = new[] { "stores:read", "stores:write", "users:write", "kpi:write", "stats:read" }, store_ids = new[] { mine },
        })).Secret);

        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var checkedOperations = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject()
                     .Where(p => p.Name.StartsWith("/api/v1/integrations/") || p.Name.StartsWith("/api/integrations/")))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var bodyReachesStore = BodySchema(operation.Value, schemas) is { } schema
                                       && schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("store_id", out _);
                if (!path.Name.Contains("{store_id}") && !path.Name.Contains("{user_id}") && !bodyReachesStore) continue;

                var url = path.Name.Replace("{store_id}", theirs.ToString()).Replace("{user_id}", theirSeller.ToString());
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                // A body valid for the operation, so that validation (which comes first on some routes) passes.
                var body = method == HttpMethod.Get || method == HttpMethod.Delete ? null : ValidBody(path.Name, theirs, theirSeller);
                var request = new HttpRequestMessage(method, url) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };

                await (await restricted.SendAsync(request)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemMessages.StoreNotInKeyList);
                checkedOperations.Add($"{method} {path.Name}");
            }
        }

        // stores/{id} (get, delete), stores/{id}/managers, stores/{id}/sellers, users/{id} (get, put, delete), kpi/sync — in each family.
        checkedOperations.Count.ShouldBe(2 * 8, string.Join(", ", checkedOperations));
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE store_id = $1", theirs)).ShouldBe(1);
        (await api.Scalar<bool>("SELECT active FROM stores.stores WHERE id = $1", theirs)).ShouldBeTrue();
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE store_id = $1", theirs)).ShouldBe(0);
    }

    private static JsonElement? BodySchema(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var requestBody)) return null;
        var schema = requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema");
        return schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;
    }

    private static string ValidBody(string path, Guid store, Guid seller) => path switch
    {
        var p when p.EndsWith("/kpi/sync") => JsonSerializer.Serialize(new
        {
            store_id = store, date = "2024-01-15", kpi_entries = new[] { new { seller_id = seller, ca_journalier = 1.0, nb_ventes = 1, nb_articles = 1 } },
        }),
        var p when p.EndsWith("/managers") || p.EndsWith("/sellers") => JsonSerializer.Serialize(new { name = "Someone", email = TestTenant.UniqueEmail("x") }),
        _ => """{"status": "active"}""",
    };
}
