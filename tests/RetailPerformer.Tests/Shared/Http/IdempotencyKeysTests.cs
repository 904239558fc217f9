using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Shared.Http;

public sealed class IdempotencyKeysTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static HttpRequestMessage Post(string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private Task<long> Stores(TestTenant tenant) => api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId);

    [Theory]
    [InlineData("/api/v1/integrations/stores", HttpStatusCode.Created)]
    [InlineData("/api/integrations/stores", HttpStatusCode.OK)]
    public async Task The_same_key_and_body_replay_the_first_answer_and_create_nothing_more(string url, HttpStatusCode created)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Skyco Marseille", location = "13001 Marseille" };

        var first = await client.SendAsync(Post(url, body, key));
        first.StatusCode.ShouldBe(created);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        var again = await client.SendAsync(Post(url, body, key));

        again.StatusCode.ShouldBe(created);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await Stores(tenant)).ShouldBe(1);

        // Without the header, or with another key, the request runs (here: a duplicate name, refused).
        await (await client.PostJson(url, body)).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_writes_nothing()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var key = Guid.NewGuid().ToString();
        await (await client.SendAsync(Post("/api/v1/integrations/stores", new { name = "One", location = "Paris" }, key))).ShouldBe(HttpStatusCode.Created);

        await (await client.SendAsync(Post("/api/v1/integrations/stores", new { name = "Two", location = "Paris" }, key)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "This Idempotency-Key was already used with another request");
        (await Stores(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task A_request_whose_key_is_still_running_is_409()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stores:write");
        // As if another request with this key were running right now (claimed, not completed).
        var body = new { name = "Running", location = "Paris" };
        var first = tenant.WithKey(key.Secret);
        await api.Execute("""
            INSERT INTO keys.idempotency_requests (tenant_id, scope_id, idempotency_key, request_hash, created_at) VALUES ($1, $2, 'busy', '\x00', now())
            """, tenant.TenantId, key.Id);
        await (await first.SendAsync(Post("/api/v1/integrations/stores", body, "busy")))
            .ShouldBeProblem(HttpStatusCode.Conflict, "A request with this Idempotency-Key is still running; retry when it has finished");
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_store_the_others_are_409_or_replays()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            client.SendAsync(Post("/api/v1/integrations/stores", new { name = "Concurrent", location = "Paris" }, key))));

        (await Stores(tenant)).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created && !a.Headers.Contains("Idempotent-Replayed")).ShouldBe(1);
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Keys_belong_to_their_api_key_and_expire_after_24_hours()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var first = await tenant.CreateKeyAsync("stores:write");
        var second = await tenant.CreateKeyAsync("stores:write");
        var key = Guid.NewGuid().ToString();
        await (await tenant.WithKey(first.Secret).SendAsync(Post("/api/v1/integrations/stores", new { name = "A", location = "Paris" }, key)))
            .ShouldBe(HttpStatusCode.Created);
        // Another API key: another space of keys, the same key runs (and another body is fine).
        await (await tenant.WithKey(second.Secret).SendAsync(Post("/api/v1/integrations/stores", new { name = "B", location = "Paris" }, key)))
            .ShouldBe(HttpStatusCode.Created);

        await api.Execute("UPDATE keys.idempotency_requests SET created_at = now() - interval '25 hours' WHERE scope_id = $1", first.Id);
        var expired = await tenant.WithKey(first.Secret).SendAsync(Post("/api/v1/integrations/stores", new { name = "C", location = "Paris" }, key));
        await expired.ShouldBe(HttpStatusCode.Created);
        expired.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await Stores(tenant)).ShouldBe(3);
    }

    [Fact]
    public async Task A_kpi_batch_replayed_with_its_key_is_not_counted_twice()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var seller = await tenant.CreateSellerAsync(client, store);
        var batch = new { store_id = store, date = "2025-06-02", kpi_entries = new[] { new { seller_id = seller, ca_journalier = 10.0, nb_ventes = 1, nb_articles = 1 } } };
        var key = Guid.NewGuid().ToString();

        var first = await (await client.SendAsync(Post("/api/v1/integrations/kpi/sync", batch, key))).ShouldBe(HttpStatusCode.OK);
        var replay = await client.SendAsync(Post("/api/v1/integrations/kpi/sync", batch, key));
        var again = await replay.ShouldBe(HttpStatusCode.OK);
        again.GetProperty("entries_created").GetInt32().ShouldBe(1);   // the first answer, not "updated"
        again.GetRawText().ShouldBe(first.GetRawText());
        (await api.Scalar<DateTime>("SELECT updated_at FROM kpi.entries WHERE seller_id = $1", seller))
            .ShouldBe(await api.Scalar<DateTime>("SELECT created_at FROM kpi.entries WHERE seller_id = $1", seller));
    }

    [Fact]
    public async Task Key_creation_honours_the_key_per_person()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = Guid.NewGuid().ToString();
        var request = () => { var r = Post("/api/gerant/api-keys", new { name = "n8n", permissions = new[] { "kpi:write" } }, key); r.Headers.Authorization = new("Bearer", tenant.Token); return r; };
        var first = await (await api.Client().SendAsync(request())).ShouldBe(HttpStatusCode.Created);
        var replay = await api.Client().SendAsync(request());
        (await replay.ShouldBe(HttpStatusCode.Created)).Str("key").ShouldBe(first.Str("key"));
        replay.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await api.Scalar<long>("SELECT count(*) FROM keys.api_keys WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with\ttab")]
    public async Task A_malformed_key_is_400_and_nothing_runs(string key)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/integrations/stores") { Content = JsonContent.Create(new { name = "X", location = "Paris" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        await (await client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.BadRequest, "Idempotency-Key must be 1 to 255 printable ASCII characters");
        (await Stores(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_too_long_key_is_400()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        await (await client.SendAsync(Post("/api/v1/integrations/stores", new { name = "X", location = "Paris" }, new string('k', 256)))).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_reference_documents_the_header_on_every_integration_post_and_key_creation()
    {
        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var posts = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("post", out _))
            .Where(p => p.Name.StartsWith("/api/v1/integrations/") || p.Name.StartsWith("/api/integrations/") || p.Name == "/api/gerant/api-keys")
            .ToList();
        posts.Count.ShouldBe(2 * 4 + 1);
        foreach (var path in posts)
            path.Value.GetProperty("post").GetProperty("parameters").EnumerateArray().Select(p => p.Str("name")).ShouldContain("Idempotency-Key", path.Name);
    }
}
