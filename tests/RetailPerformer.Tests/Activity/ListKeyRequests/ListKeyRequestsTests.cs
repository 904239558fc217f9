using System.Net;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.ListKeyRequests;

/// <summary>The request log (issue 15, item 1) as the gérant reads it per key: every field right, whatever the answer.</summary>
public sealed class ListKeyRequestsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>The key's logged requests, once <paramref name="count"/> of them are written (the log is written off the request's path).</summary>
    private static async Task<List<JsonElement>> RequestsAsync(HttpClient gerant, Guid keyId, int count, string query = "")
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var body = await (await gerant.GetAsync($"/api/gerant/api-keys/{keyId}/requests?limit=100{query}")).ShouldBe(HttpStatusCode.OK);
            var requests = body.GetProperty("requests").EnumerateArray().ToList();
            if (requests.Count >= count || DateTime.UtcNow > deadline) return requests;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Each_answer_is_recorded_with_its_route_ids_status_detail_client_and_agent_never_a_secret()
    {
        var (tenant, admin, store) = await TestTenant.WithStoreAsync(api);
        var key = await tenant.CreateKeyAsync(new { name = "Logged", permissions = new[] { "kpi:write", "stats:read" }, store_ids = new[] { store } });
        var client = tenant.WithKey(key.Secret);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("n8n-test/1.0");
        var other = await tenant.CreateStoreAsync(admin);
        var unknown = Guid.NewGuid();

        var sent = DateTime.UtcNow;
        (await client.GetAsync("/api/v1/integrations/my-stats?start_date=2025-11-01&end_date=2025-11-30")).StatusCode.ShouldBe(HttpStatusCode.OK);  // 200
        (await client.GetAsync("/api/v1/integrations/stores")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);                                    // 403 scope
        (await client.PostJson("/api/v1/integrations/kpi/sync", new { store_id = other, date = "2025-11-26", kpi_entries = new[] { new { seller_id = unknown, ca_journalier = 1, nb_ventes = 1, nb_articles = 1 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);                                                                                       // 403 store
        var missing = await (await client.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "2025-11-26", kpi_entries = new[] { new { seller_id = unknown, ca_journalier = 1, nb_ventes = 1, nb_articles = 1 } } }))
            .ShouldBe(HttpStatusCode.NotFound);                                                                                                   // 404
        (await client.PostJson("/api/v1/integrations/kpi/sync", new { date = "2025-11-26" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);    // 400

        var answered = DateTime.UtcNow;

        var requests = await RequestsAsync(tenant.Gerant(), key.Id, 5);
        requests.Count.ShouldBe(5);
        requests.Select(r => r.GetProperty("status").GetInt32()).ShouldBe([400, 404, 403, 403, 200]);   // newest first
        // Each at the time it was received, newest first.
        var times = requests.Select(r => r.GetProperty("at").GetDateTime().ToUniversalTime()).ToList();
        times.ShouldAllBe(at => at >= sent.AddMilliseconds(-1) && at <= answered);
        times.ShouldBe(times.OrderByDescending(at => at).ToList());
        var (badRequest, notFound, storeRefused, scopeRefused, ok) = (requests[0], requests[1], requests[2], requests[3], requests[4]);
        ok.Str("method").ShouldBe("GET");
        ok.Str("route").ShouldBe("/api/v1/integrations/my-stats");
        ok.TryGetProperty("detail", out var none).ShouldBeTrue();
        none.ValueKind.ShouldBe(JsonValueKind.Null);
        ok.Str("user_agent").ShouldBe("n8n-test/1.0");
        ok.Str("client").ShouldBe("127.0.0.1");
        ok.Str("request_id").ShouldNotBeNullOrEmpty();
        ok.GetProperty("duration_ms").GetSingle().ShouldBeGreaterThan(0);
        scopeRefused.Str("detail").ShouldBe("Insufficient permissions. Requires 'stores:read'");
        storeRefused.Str("detail").ShouldBe("API key does not have access to this store (not in store_ids list)");
        notFound.Str("route").ShouldBe("/api/v1/integrations/kpi/sync");
        notFound.Str("detail").ShouldBe($"Sellers not found in store {store}: {unknown}");
        notFound.Str("request_id").ShouldBe(missing.Str("trace_id"));   // what the caller quotes is what the log holds
        badRequest.Str("detail").ShouldStartWith("One or more fields are invalid");
        foreach (var request in requests) request.GetRawText().ShouldNotContain(key.Secret);

        // What the API reads from the blocks' compact form (CompactEntries) is what PostgreSQL reads (activity.block_requests, for the
        // activity.requests view), field by field.
        var viewed = await api.Rows("""
            SELECT at, method, route, path_ids, status, duration_ms, detail, client, user_agent, request_id FROM activity.requests
            WHERE key_id = $1 ORDER BY at DESC
            """, key.Id);
        viewed.Count.ShouldBe(5);
        for (var i = 0; i < 5; i++)
        {
            var (row, request) = (viewed[i], requests[i]);
            ((DateTime)row[0]!).ShouldBe(request.GetProperty("at").GetDateTime().ToUniversalTime(), TimeSpan.FromTicks(10));
            new object?[] { row[1], row[2], row[3], row[4], row[6], row[7], row[8], row[9] }.ShouldBe(new object?[]
            {
                request.Str("method"), request.Str("route"), "", (short)request.GetProperty("status").GetInt32(),
                request.GetProperty("detail").ValueKind == JsonValueKind.Null ? null : request.Str("detail"), request.Str("client"),
                request.Str("user_agent"), request.Str("request_id"),
            });
            ((float)row[5]!).ShouldBe(request.GetProperty("duration_ms").GetSingle(), 0.0011f);
        }

        // The ids in the path are recorded.
        var admin2 = tenant.WithKey((await tenant.CreateKeyAsync("stores:read")).Secret);
        var reader = await api.Scalar<Guid>("SELECT id FROM keys.api_keys WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1", tenant.TenantId);
        (await admin2.GetAsync($"/api/v1/integrations/stores/{store}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = (await RequestsAsync(tenant.Gerant(), reader, 1)).Single();
        read.Str("route").ShouldBe("/api/v1/integrations/stores/{store_id}");
        read.GetProperty("path_ids").EnumerateArray().Select(i => i.GetGuid()).ShouldBe([store]);
        (await api.Scalar<string>("SELECT string_agg(detail, '') FROM activity.requests WHERE tenant_id = $1", tenant.TenantId))!.ShouldNotContain(key.Secret);
    }

    [Fact]
    public async Task A_revoked_keys_401_and_a_rate_limited_429_are_the_tenants_and_unknown_keys_are_counted_apart()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync(new { name = "Slow", permissions = new[] { "stats:read" }, rate_limit_per_second = 1 });
        var client = tenant.WithKey(key.Secret);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) answers.Add((await client.GetAsync("/api/v1/integrations/me")).StatusCode);
        answers.ShouldContain(HttpStatusCode.TooManyRequests);
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);
        await Task.Delay(1100);   // a second: the key's budget is whole again, its refusal is for being revoked
        (await client.GetAsync("/api/v1/integrations/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var before = await api.Scalar<long>("SELECT coalesce(sum(count), 0)::bigint FROM activity.unattributed_refusals");
        (await TestTenant.WithKey(api, "rp_live_" + new string('x', 43)).GetAsync("/api/v1/integrations/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var requests = await RequestsAsync(tenant.Gerant(), key.Id, 5);
        requests[0].GetProperty("status").GetInt32().ShouldBe(401);
        requests[0].Str("detail").ShouldBe("API key revoked");
        var limited = requests.First(r => r.GetProperty("status").GetInt32() == 429);
        limited.Str("detail").ShouldBe("Rate limit exceeded for this API key; retry after the delay in Retry-After");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await api.Scalar<long>("SELECT coalesce(sum(count), 0)::bigint FROM activity.unattributed_refusals") == before && DateTime.UtcNow < deadline) await Task.Delay(200);
        (await api.Scalar<long>("SELECT coalesce(sum(count), 0)::bigint FROM activity.unattributed_refusals")).ShouldBeGreaterThan(before);
        (await api.Scalar<long>("SELECT count(*) FROM activity.requests WHERE key_id = $1", key.Id)).ShouldBe(requests.Count);
    }

    [Fact]
    public async Task A_key_of_another_tenant_is_404_and_filters_and_paging_apply()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("stats:read");
        var client = tenant.WithKey(key.Secret);
        for (var i = 0; i < 3; i++) await client.GetAsync("/api/v1/integrations/me");
        await client.GetAsync("/api/v1/integrations/stores");   // 403
        (await RequestsAsync(tenant.Gerant(), key.Id, 4)).Count.ShouldBe(4);

        var failures = await RequestsAsync(tenant.Gerant(), key.Id, 1, "&status=4xx");
        failures.Select(r => r.GetProperty("status").GetInt32()).ShouldBe([403]);
        var page = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests?limit=2&page=2")).ShouldBe(HttpStatusCode.OK);
        page.GetProperty("requests").GetArrayLength().ShouldBe(2);
        page.GetProperty("meta").GetProperty("total").GetInt64().ShouldBe(4);
        await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests?status=6xx")).ShouldBe(HttpStatusCode.BadRequest);
        await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests?status=40")).ShouldBe(HttpStatusCode.BadRequest);
        await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests?start_date=2025-02-30")).ShouldBe(HttpStatusCode.BadRequest);
        (await RequestsAsync(tenant.Gerant(), key.Id, 1, "&status=403")).Count.ShouldBe(1);
        (await RequestsAsync(tenant.Gerant(), key.Id, 0, "&status=401")).ShouldBeEmpty();
        (await RequestsAsync(tenant.Gerant(), key.Id, 3, "&route=/api/v1/integrations/me")).Count.ShouldBe(3);
        (await RequestsAsync(tenant.Gerant(), key.Id, 0, "&route=/api/v1/integrations/my-stats")).ShouldBeEmpty();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var todays = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests?start_date={today}&end_date={today}&route=/api/v1/integrations/me&status=2xx"))
            .ShouldBe(HttpStatusCode.OK);
        todays.GetProperty("requests").GetArrayLength().ShouldBe(3);
        todays.GetProperty("meta").GetProperty("total").GetInt64().ShouldBe(3);
        (await RequestsAsync(tenant.Gerant(), key.Id, 0, "&end_date=2024-12-31")).ShouldBeEmpty();

        var other = await TestTenant.CreateAsync(api);
        (await (await other.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests")).ShouldBe(HttpStatusCode.NotFound)).Str("detail").ShouldBe("API key not found");
        (await (await other.Gerant().GetAsync("/api/gerant/api-keys/not-an-id/requests")).ShouldBe(HttpStatusCode.NotFound)).Str("detail").ShouldBe("API key not found");
    }
    [Fact]
    public async Task Filtered_pages_across_several_blocks_are_the_matching_requests_newest_first_and_the_last_error_is_the_newest()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("kpi:write");
        // Four blocks of 25 requests, an hour apart, three days ago, seeded as the writer writes them; statuses and routes
        // in a fixed mix, so that a filter's matches are spread over every block.
        string[] routes = ["/api/v1/integrations/me", "/api/v1/integrations/kpi/sync", "/api/v1/integrations/my-stats"];
        short[] statuses = [200, 404, 200, 403, 200, 401, 200];
        var logged = new List<(DateTime At, string Route, short Status, string Id)>();
        var start = DateTime.UtcNow.Date.AddDays(-3);
        for (var block = 0; block < 4; block++)
        {
            var first = start.AddHours(block);
            var entries = Enumerable.Range(0, 25).Select(i => (At: first.AddSeconds(i), Route: routes[(block + i) % 3], Status: statuses[(block * 25 + i) % 7],
                Id: $"r{block}-{i}")).ToList();
            logged.AddRange(entries);
            var pairs = entries.GroupBy(e => (e.Route, e.Status)).OrderBy(g => g.Key.Route, StringComparer.Ordinal).ThenBy(g => g.Key.Status).ToList();
            var json = JsonSerializer.SerializeToUtf8Bytes(entries.Select(e => new object?[]
                { (e.At - first).Ticks / 10, "POST", e.Route, "", e.Status, 1.5, e.Status >= 400 ? $"refused {e.Id}" : null, "203.0.113.7", "n8n", e.Id }));
            await api.Execute("""
                INSERT INTO activity.request_blocks (tenant_id, key_id, first_at, last_at, requests, errors, pair_routes, pair_statuses, pair_counts, entries)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """, tenant.TenantId, key.Id, first, entries[^1].At, entries.Count, entries.Count(e => e.Status >= 400),
                pairs.Select(p => p.Key.Route).ToArray(), pairs.Select(p => p.Key.Status).ToArray(), pairs.Select(p => p.Count()).ToArray(), json);
        }

        async Task<List<string>> AllPagesAsync(string query, Func<(DateTime At, string Route, short Status, string Id), bool> expected)
        {
            var want = logged.Where(expected).OrderByDescending(e => e.At).Select(e => e.Id).ToList();
            var seen = new List<string>();
            for (var page = 1; page <= (want.Count + 2) / 3 + 1; page++)
            {
                var body = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests?limit=3&page={page}{query}")).ShouldBe(HttpStatusCode.OK);
                body.GetProperty("meta").GetProperty("total").GetInt64().ShouldBe(want.Count, query);
                seen.AddRange(body.GetProperty("requests").EnumerateArray().Select(r => r.Str("request_id")));
            }
            seen.ShouldBe(want, query);
            return seen;
        }

        (await AllPagesAsync("", _ => true)).Count.ShouldBe(100);
        await AllPagesAsync("&status=4xx", e => e.Status >= 400);
        await AllPagesAsync("&status=4xx&route=/api/v1/integrations/kpi/sync", e => e.Status >= 400 && e.Route == routes[1]);
        await AllPagesAsync("&status=200&route=/api/v1/integrations/me", e => e.Status == 200 && e.Route == routes[0]);
        await AllPagesAsync("&status=5xx", _ => false);

        var newestError = logged.Where(e => e.Status >= 400).MaxBy(e => e.At);
        var lastError = (await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/usage")).ShouldBe(HttpStatusCode.OK)).GetProperty("last_error");
        lastError.Str("request_id").ShouldBe(newestError.Id);
        lastError.Str("detail").ShouldBe($"refused {newestError.Id}");
        lastError.GetProperty("status").GetInt32().ShouldBe(newestError.Status);
    }
}
