using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;

namespace RetailPerformer.Tests.Keys.CreateApiKey;

public sealed class CreateApiKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Creation_shows_the_secret_once_and_stores_only_its_hash()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var response = await tenant.Gerant().PostJson("/api/gerant/api-keys",
            new { name = "Caisse Magasin Paris", permissions = new[] { "write:kpi", "read:stats" }, expires_in_days = 30 });
        var body = await response.ShouldBe(HttpStatusCode.Created);

        var secret = body.Str("key");
        secret.ShouldStartWith("rp_live_");
        Convert.FromBase64String(secret["rp_live_".Length..].Replace('-', '+').Replace('_', '/') + "=").Length.ShouldBeGreaterThanOrEqualTo(32);
        var key = body.GetProperty("api_key");
        response.Headers.Location!.ToString().ShouldBe($"/api/gerant/api-keys/{key.Id("id")}");
        key.Str("name").ShouldBe("Caisse Magasin Paris");
        key.Str("key_hint").ShouldBe("rp_live_…" + secret[^4..]);
        key.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["kpi:write", "stats:read"]);
        key.GetProperty("store_ids").ValueKind.ShouldBe(JsonValueKind.Null);
        DateTime.Parse(key.Str("expires_at")).ShouldBeInRange(DateTime.UtcNow.AddDays(29.9), DateTime.UtcNow.AddDays(30.1));

        var stored = await api.Scalar<string>("SELECT row_to_json(k)::text FROM keys.api_keys k WHERE id = $1", key.Id("id"));
        stored.ShouldNotBeNull();
        stored.ShouldNotContain(secret);
        stored.ShouldNotContain(secret["rp_live_".Length..]);
        (await api.Scalar<byte[]>("SELECT key_hash FROM keys.api_keys WHERE id = $1", key.Id("id")))
            .ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

        var list = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys")).ShouldBe(HttpStatusCode.OK);
        list.GetRawText().ShouldNotContain(secret);
        (await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id("id")}")).ShouldBe(HttpStatusCode.OK)).GetRawText().ShouldNotContain(secret);
        api.Logs.Contain(secret).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"permissions": ["kpi:write"]}""", "name")]
    [InlineData("""{"name": "", "permissions": ["kpi:write"]}""", "name")]
    [InlineData("""{"name": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789X", "permissions": ["kpi:write"]}""", "name")]
    [InlineData("""{"name": "k", "permissions": []}""", "permissions")]
    [InlineData("""{"name": "k"}""", "permissions")]
    [InlineData("""{"name": "k", "permissions": ["kpi:delete"]}""", "permissions[0]")]
    [InlineData("""{"name": "k", "permissions": ["kpi:write"], "expires_in_days": 0}""", "expires_in_days")]
    [InlineData("""{"name": "k", "permissions": ["kpi:write"], "expires_in_days": -3}""", "expires_in_days")]
    [InlineData("""{"name": "k", "permissions": ["kpi:write"], "expires_in_days": 3651}""", "expires_in_days")]
    [InlineData("""{"name": "k", "permissions": ["kpi:write"], "store_ids": []}""", "store_ids")]
    [InlineData("""{"name": "k", "permissions": ["kpi:write"], "store_ids": ["*", "x"]}""", "store_ids")]
    [InlineData("""{"name": "k", "permissions": ["kpi:write"], "store_ids": ["store-paris-123"]}""", "store_ids[0]")]
    public async Task Invalid_creations_are_400_naming_the_field_and_write_nothing(string json, string field)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var body = await (await tenant.Gerant().PostRaw("/api/gerant/api-keys", json)).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.GetRawText());
        (await api.Scalar<long>("SELECT count(*) FROM keys.api_keys WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_permission_is_named_in_the_answer()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var body = await (await tenant.Gerant().PostJson("/api/gerant/api-keys", new { name = "k", permissions = new[] { "kpi:write", "admin:all" } }))
            .ShouldBe(HttpStatusCode.BadRequest);
        body.Str("detail").ShouldContain("'admin:all'");
    }

    [Fact]
    public async Task Store_ids_of_another_tenant_are_refused_and_own_store_ids_are_kept()
    {
        var other = await TestTenant.CreateAsync(api);
        var otherStore = await other.CreateStoreAsync(await other.AllPowerfulAsync());
        var tenant = await TestTenant.CreateAsync(api);
        var ownStore = await tenant.CreateStoreAsync(await tenant.AllPowerfulAsync());

        var refused = await (await tenant.Gerant().PostJson("/api/gerant/api-keys",
            new { name = "k", permissions = new[] { "kpi:write" }, store_ids = new[] { ownStore.ToString(), otherStore.ToString() } }))
            .ShouldBe(HttpStatusCode.BadRequest);
        refused.Str("detail").ShouldContain(otherStore.ToString());
        refused.Str("detail").ShouldNotContain(ownStore.ToString());

        var kept = await tenant.CreateKeyAsync(new { name = "k", permissions = new[] { "kpi:write" }, store_ids = new[] { ownStore.ToString() } });
        kept.Created.GetProperty("api_key").GetProperty("store_ids").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([ownStore]);
        var all = await tenant.CreateKeyAsync(new { name = "k", permissions = new[] { "kpi:write" }, store_ids = new[] { "*" } });
        all.Created.GetProperty("api_key").GetProperty("store_ids").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
