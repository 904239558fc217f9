using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A fresh gérant (and so a fresh tenant) per test: the isolation that lets tests run in parallel.</summary>
public sealed class TestTenant
{
    public const string Password = "correct-horse-42";

    private readonly ApiFactory _api;
    public Guid TenantId { get; private init; }
    public Guid GerantId { get; private init; }
    public string Email { get; private init; } = "";
    public string Token { get; private set; } = "";

    private TestTenant(ApiFactory api) => _api = api;

    public static string UniqueEmail(string who = "gerant") => $"{who}-{Guid.NewGuid():N}@example.test";

    public static async Task<TestTenant> CreateAsync(ApiFactory api)
    {
        var email = UniqueEmail();
        var client = api.Client();
        var registered = await (await client.PostJson("/api/auth/register", new { name = "Gérant Test", email, password = Password }))
            .ShouldBe(HttpStatusCode.Created);
        var tenant = new TestTenant(api) { TenantId = registered.Id("tenant_id"), GerantId = registered.Id("id"), Email = email };
        tenant.Token = await SignInAsync(api, email, Password);
        return tenant;
    }

    /// <summary>A fresh tenant, a client with a key that can do everything, and one store: where most tests start.</summary>
    public static async Task<(TestTenant Tenant, HttpClient Client, Guid Store)> WithStoreAsync(ApiFactory api)
    {
        var tenant = await CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        return (tenant, client, await tenant.CreateStoreAsync(client));
    }

    public static async Task<string> SignInAsync(ApiFactory api, string email, string password)
    {
        var body = await (await api.Client().PostJson("/api/auth/login", new { email, password })).ShouldBe(HttpStatusCode.OK);
        return body.Str("token");
    }

    /// <summary>A client signed in as this tenant's gérant (app API).</summary>
    public HttpClient Gerant() => WithBearer(_api, Token);

    public static HttpClient WithBearer(ApiFactory api, string token)
    {
        var client = api.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client that presents <paramref name="key"/> in X-API-Key (integration API).</summary>
    public HttpClient WithKey(string key) => WithKey(_api, key);

    public static HttpClient WithKey(ApiFactory api, string key)
    {
        var client = api.Client();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    public sealed record Key(Guid Id, string Secret, JsonElement Created);

    public async Task<Key> CreateKeyAsync(object request)
    {
        var body = await (await Gerant().PostJson("/api/gerant/api-keys", request)).ShouldBe(HttpStatusCode.Created);
        return new Key(body.GetProperty("api_key").Id("id"), body.Str("key"), body);
    }

    public Task<Key> CreateKeyAsync(params string[] permissions) =>
        CreateKeyAsync(new { name = "key " + Guid.NewGuid().ToString("N")[..6], permissions });

    /// <summary>A client with a key that holds every scope and reaches every store.</summary>
    public async Task<HttpClient> AllPowerfulAsync() =>
        WithKey((await CreateKeyAsync("stores:read", "stores:write", "users:write", "kpi:write", "stats:read")).Secret);

    public async Task<Guid> CreateStoreAsync(HttpClient integration, string? name = null)
    {
        var body = await (await integration.PostJson("/api/v1/integrations/stores",
            new { name = name ?? "Store " + Guid.NewGuid().ToString("N")[..8], location = "75001 Paris" })).ShouldBe(HttpStatusCode.Created);
        return body.Id("store_id");
    }

    public async Task<Guid> CreateManagerAsync(HttpClient integration, Guid storeId, string? email = null)
    {
        var body = await (await integration.PostJson($"/api/v1/integrations/stores/{storeId}/managers",
            new { name = "Manager Test", email = email ?? UniqueEmail("manager"), send_invitation = false })).ShouldBe(HttpStatusCode.Created);
        return body.Id("manager_id");
    }

    /// <summary>
    /// A manager or seller who accepted their invitation and signed in: created through the API with an
    /// invitation, whose link the outbox (the log, no SMTP in tests) shows, then accepted like a person would.
    /// </summary>
    public async Task<(Guid Id, string Token)> SignedInPersonAsync(HttpClient integration, Guid storeId, string role)
    {
        var email = UniqueEmail(role);
        var body = await (await integration.PostJson($"/api/v1/integrations/stores/{storeId}/{role}s", new { name = role + " signed in", email }))
            .ShouldBe(HttpStatusCode.Created);
        var line = _api.Logs.Lines.Last(l => l.Contains("Invitation outbox") && l.Contains(email));
        var code = System.Text.RegularExpressions.Regex.Match(line, "token=([A-Za-z0-9_-]+)").Groups[1].Value;
        await (await _api.Client().PostJson("/api/auth/accept-invitation", new { token = code, password = Password })).ShouldBe(HttpStatusCode.OK);
        return (body.Id($"{role}_id"), await SignInAsync(_api, email, Password));
    }

    public async Task<Guid> CreateSellerAsync(HttpClient integration, Guid storeId, Guid? managerId = null, string? email = null)
    {
        var body = await (await integration.PostJson($"/api/v1/integrations/stores/{storeId}/sellers",
            new { name = "Seller Test", email = email ?? UniqueEmail("seller"), manager_id = managerId, send_invitation = false })).ShouldBe(HttpStatusCode.Created);
        return body.Id("seller_id");
    }
}
