using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Keys;

public sealed class ApiKeyManagementTests(ApiFactory api) : IClassFixture<ApiFactory>
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

    [Fact]
    public async Task List_is_paged_newest_first_and_confined_to_the_tenant()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var other = await TestTenant.CreateAsync(api);
        var otherKey = await other.CreateKeyAsync("kpi:write");
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++) created.Add((await tenant.CreateKeyAsync("kpi:write")).Id);

        var page1 = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys?page=1&limit=2")).ShouldBe(HttpStatusCode.OK);
        var page2 = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys?page=2&limit=2")).ShouldBe(HttpStatusCode.OK);
        var ids = page1.GetProperty("api_keys").EnumerateArray().Concat(page2.GetProperty("api_keys").EnumerateArray()).Select(k => k.Id("id")).ToList();
        ids.ShouldBe(Enumerable.Reverse(created).ToList());
        var meta = page1.GetProperty("meta");
        meta.GetProperty("total").GetInt32().ShouldBe(3);
        meta.GetProperty("pages").GetInt32().ShouldBe(2);
        meta.GetProperty("limit").GetInt32().ShouldBe(2);

        await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{otherKey.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{otherKey.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await tenant.Gerant().PostAsync($"/api/gerant/api-keys/{otherKey.Id}/regenerate", null)).ShouldBe(HttpStatusCode.NotFound);
        // The other tenant's key is untouched.
        await (await TestTenant.WithKey(api, otherKey.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?page=0")]
    [InlineData("?page=-1")]
    [InlineData("?limit=abc")]
    public async Task Bad_paging_is_400(string query)
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await tenant.Gerant().GetAsync("/api/gerant/api-keys" + query)).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Regenerate_issues_a_new_secret_with_the_same_settings_and_refuses_the_old_one_on_the_very_next_request()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var store = await tenant.CreateStoreAsync(await tenant.AllPowerfulAsync());
        var old = await tenant.CreateKeyAsync(new { name = "ERP", permissions = new[] { "write:kpi", "stores:read" }, store_ids = new[] { store.ToString() }, expires_in_days = 90 });
        await (await tenant.WithKey(old.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK); // now cached

        var regenerated = await (await tenant.Gerant().PostAsync($"/api/gerant/api-keys/{old.Id}/regenerate", null)).ShouldBe(HttpStatusCode.Created);
        var fresh = regenerated.GetProperty("api_key");
        regenerated.Str("key").ShouldNotBe(old.Secret);
        fresh.Str("name").ShouldBe("ERP");
        fresh.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["kpi:write", "stores:read"]);
        fresh.GetProperty("store_ids").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([store]);
        fresh.GetProperty("expires_in_days").GetInt32().ShouldBe(90);

        await (await tenant.WithKey(old.Secret).GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key revoked");
        var me = await (await tenant.WithKey(regenerated.Str("key")).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
        me.GetProperty("store_ids").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([store]);

        var history = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{old.Id}")).ShouldBe(HttpStatusCode.OK);
        history.GetProperty("active").GetBoolean().ShouldBeFalse();
        history.Id("replaced_by").ShouldBe(fresh.Id("id"));
    }

    [Fact]
    public async Task Deactivate_refuses_the_key_on_the_very_next_request_and_keeps_it_as_history()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("kpi:write");
        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);

        var deactivated = await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);
        deactivated.GetProperty("success").GetBoolean().ShouldBeTrue();

        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key revoked");
        var list = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys")).ShouldBe(HttpStatusCode.OK);
        var listed = list.GetProperty("api_keys").EnumerateArray().Single(k => k.Id("id") == key.Id);
        listed.GetProperty("active").GetBoolean().ShouldBeFalse();
        listed.GetProperty("revoked_at").ValueKind.ShouldBe(JsonValueKind.String);

        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBeProblem(HttpStatusCode.BadRequest, "API key already deactivated");
        await (await tenant.Gerant().PostAsync($"/api/gerant/api-keys/{key.Id}/regenerate", null)).ShouldBe(HttpStatusCode.BadRequest);
        await (await tenant.Gerant().DeleteAsync("/api/gerant/api-keys/not-an-id")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Last_used_at_is_recorded_off_the_request_path()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("kpi:write");
        (await api.Scalar<DateTime?>("SELECT last_used_at FROM keys.api_keys WHERE id = $1", key.Id)).ShouldBeNull();

        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);

        DateTime? lastUsed = null;
        for (var i = 0; i < 50 && lastUsed is null; i++)
        {
            await Task.Delay(100);
            lastUsed = await api.Scalar<DateTime?>("SELECT last_used_at FROM keys.api_keys WHERE id = $1", key.Id);
        }
        lastUsed.ShouldNotBeNull();
        var listed = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);
        listed.GetProperty("last_used_at").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Key_management_needs_a_signed_in_gerant()
    {
        await (await api.Client().GetAsync("/api/gerant/api-keys")).ShouldBe(HttpStatusCode.Unauthorized);
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stores:read", "stores:write", "users:write");
        // An API key cannot manage keys, even with every scope.
        await (await TestTenant.WithBearer(api, key.Secret).GetAsync("/api/gerant/api-keys")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
