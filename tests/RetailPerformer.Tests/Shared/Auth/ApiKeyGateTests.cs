using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;

namespace RetailPerformer.Tests.Shared.Auth;

public sealed class ApiKeyGateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_missing_key_is_401_missing()
    {
        var response = await api.Client().GetAsync("/api/v1/integrations/me");
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, "API key missing");
        response.Headers.WwwAuthenticate.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("X-API-Key", "   ")]
    [InlineData("Authorization", "Basic cnBfbGl2ZV94eHg6")]
    [InlineData("Authorization", "Bearer    ")]
    public async Task A_blank_key_or_another_authorization_scheme_is_401_missing(string header, string value)
    {
        var client = api.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        await (await client.GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key missing");
    }

    [Theory]
    [InlineData("rp_live_this-key-was-never-issued-by-anyone")]
    [InlineData("short")]
    [InlineData("rp_live_ with spaces inside it")]
    public async Task An_unknown_or_malformed_key_is_401_invalid(string presented)
    {
        await (await TestTenant.WithKey(api, presented).GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key invalid");
    }

    [Fact]
    public async Task An_expired_key_is_401_expired()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync(new { name = "k", permissions = new[] { "kpi:write" }, expires_in_days = 1 });
        await api.Execute("UPDATE keys.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", key.Id);

        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key expired");
    }

    /// <summary>
    /// Every operation the reference page lists under both integration prefixes, with made-up ids and an empty body:
    /// without a key it is 401, and with a key lacking its scope 403 naming the scopes it documents — never the slice's
    /// own 400 or 404. Fails if a route escapes the gate or documents a scope it does not enforce.
    /// </summary>
    [Fact]
    public async Task Every_integration_route_refuses_a_missing_key_and_a_missing_scope_before_its_slice_runs()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var keyWithOnly = new Dictionary<string, HttpClient>();
        foreach (var scope in new[] { "stores:read", "stores:write", "users:write", "kpi:write", "stats:read" })
            keyWithOnly[scope] = tenant.WithKey((await tenant.CreateKeyAsync(scope)).Secret);
        var anonymous = api.Client();

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var checkedOperations = 0;
        var scopedOperations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject()
                     .Where(p => p.Name.StartsWith("/api/v1/integrations/") || p.Name.StartsWith("/api/integrations/")))
        {
            var url = Regex.Replace(path.Name, "{[^}]+}", _ => Guid.NewGuid().ToString());
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                HttpRequestMessage Request() => new(method, url)
                {
                    Content = method == HttpMethod.Get || method == HttpMethod.Delete ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
                };

                await (await anonymous.SendAsync(Request())).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key missing");
                checkedOperations++;

                var accepted = operation.Value.GetProperty("security").EnumerateArray()
                    .SelectMany(r => r.GetProperty("ApiKey").EnumerateArray().Select(s => s.GetString()!)).ToList();
                if (accepted.Count == 0) continue;
                var lacking = keyWithOnly.First(k => !accepted.Contains(k.Key)).Value;
                await (await lacking.SendAsync(Request())).ShouldBeProblem(HttpStatusCode.Forbidden,
                    $"Insufficient permissions. Requires '{string.Join("' or '", accepted)}'");
                scopedOperations++;
            }
        }
        checkedOperations.ShouldBeGreaterThanOrEqualTo(2 * 12);
        scopedOperations.ShouldBe(checkedOperations - 2); // all but /me, under each prefix
    }

    [Fact]
    public async Task A_key_of_the_v1_0_era_authenticates_by_its_hash_whatever_its_prefix()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var legacy = "sk_live_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await api.Execute("""
            INSERT INTO keys.api_keys (tenant_id, id, name, key_hash, key_hint, permissions, created_by)
            VALUES ($1, $2, 'Legacy', $3, 'sk_live_…', ARRAY['stores:read'], $4)
            """, tenant.TenantId, Guid.NewGuid(), SHA256.HashData(Encoding.UTF8.GetBytes(legacy)), tenant.GerantId);

        var me = await (await tenant.WithKey(legacy).GetAsync("/api/integrations/me")).ShouldBe(HttpStatusCode.OK);
        me.Str("name").ShouldBe("Legacy");
    }
}
