using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Webhooks;

/// <summary>Events reach a real receiver signed, once, retried as promised, and only for changes that committed (issue 16).</summary>
public sealed class WebhookDeliveryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static async Task<JsonElement> SyncAsync(HttpClient client, Guid store, Guid seller, string date = "2025-12-08") =>
        await (await client.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = store, date, source = "caisse", kpi_entries = new[] { new { seller_id = seller, ca_journalier = 1250.5, nb_ventes = 12, nb_articles = 30 } },
        })).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task A_synced_batch_is_posted_once_signed_over_the_exact_bytes_with_its_data()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var seller = await tenant.CreateSellerAsync(client, store);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "kpi.synced");

        await SyncAsync(client, store, seller);
        var received = (await receiver.WaitForAsync(1)).Single();

        webhook.Signed(received).ShouldBeTrue();
        received.Header("content-type").ShouldStartWith("application/json");
        long.Parse(received.Header("webhook-timestamp")).ShouldBeInRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        var body = received.Json;
        body.Str("id").ShouldBe(received.Header("webhook-id"));
        body.Str("type").ShouldBe("kpi.synced");
        var data = body.GetProperty("data");
        data.Id("store_id").ShouldBe(store);
        data.Str("date").ShouldBe("2025-12-08");
        data.GetProperty("created").GetInt32().ShouldBe(1);
        data.GetProperty("updated").GetInt32().ShouldBe(0);
        data.Str("source").ShouldBe("caisse");

        // A tampered body no longer matches: the check above is a real one.
        Webhook.Expected(webhook.Secret, received with { Body = [.. received.Body, (byte)' '] }).ShouldNotBe(Webhook.Expected(webhook.Secret, received));
        await Task.Delay(500);
        receiver.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_500_then_a_200_is_delivered_once_with_both_attempts_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var seller = await tenant.CreateSellerAsync(client, store);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "kpi.synced");
        receiver.AnswerNext(500, "boom");

        await SyncAsync(client, store, seller);
        var received = await receiver.WaitForAsync(2);
        received.Select(r => r.Header("webhook-id")).Distinct().Count().ShouldBe(1);
        received.ShouldAllBe(r => webhook.Signed(r));

        var delivery = await DeliveryAsync(tenant, webhook, d => d.Str("status") == "delivered");
        delivery.GetProperty("attempts").GetInt32().ShouldBe(2);
        var log = delivery.GetProperty("attempt_log").EnumerateArray().ToList();
        log.Select(a => a.GetProperty("status_code").GetInt32()).ShouldBe([500, 200]);
        log[0].Str("response_body").ShouldBe("boom");
        delivery.GetProperty("last_status").GetInt32().ShouldBe(200);
        await Task.Delay(700);
        receiver.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_a_4xx_gives_up_at_once_then_a_replay_delivers_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var seller = await tenant.CreateSellerAsync(client, store);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "kpi.synced");
        receiver.AnswerNext(429, "slow down", retryAfter: "2");

        await SyncAsync(client, store, seller);
        var both = await receiver.WaitForAsync(2);
        (both[1].At - both[0].At).ShouldBeGreaterThan(TimeSpan.FromSeconds(1.8));   // the schedule alone says 0.3 s

        receiver.AnswerNext(410, "gone");
        await SyncAsync(client, store, seller, "2025-12-09");
        await receiver.WaitForAsync(3);
        var failed = await DeliveryAsync(tenant, webhook, d => d.Str("status") == "failed");
        failed.GetProperty("attempts").GetInt32().ShouldBe(1);
        await Task.Delay(700);
        receiver.Requests.Count.ShouldBe(3);

        var replay = await (await tenant.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries/{failed.Id("id")}/replay", null)).ShouldBe(HttpStatusCode.Accepted);
        replay.GetProperty("replayed").GetInt32().ShouldBe(1);
        var replayed = await receiver.WaitForAsync(4);
        replayed[3].Header("webhook-id").ShouldBe(failed.Str("event_id"));

        // Every failed event since a day: none left (the replay delivered it), then one more after another 4xx.
        var none = await (await tenant.Gerant().PostJson($"/api/gerant/webhooks/{webhook.Id}/replay-failed", new { since = "2025-01-01" })).ShouldBe(HttpStatusCode.Accepted);
        none.GetProperty("replayed").GetInt32().ShouldBe(0);
        receiver.AnswerNext(400);
        await SyncAsync(client, store, seller, "2025-12-10");
        await DeliveryAsync(tenant, webhook, d => d.Str("status") == "failed" && d.Str("event_id") != failed.Str("event_id"));
        var again = await (await tenant.Gerant().PostJson($"/api/gerant/webhooks/{webhook.Id}/replay-failed", new { since = "2025-01-01" })).ShouldBe(HttpStatusCode.Accepted);
        again.GetProperty("replayed").GetInt32().ShouldBe(1);
        await receiver.WaitForAsync(6);

        await (await tenant.Gerant().PostJson($"/api/gerant/webhooks/{webhook.Id}/replay-failed", new { since = "hier" })).ShouldBe(HttpStatusCode.BadRequest);
        await (await tenant.Gerant().PostJson($"/api/gerant/webhooks/{webhook.Id}/replay-failed", new { })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Nothing_is_sent_for_a_refused_batch_or_a_rolled_back_change()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var seller = await tenant.CreateSellerAsync(client, store);
        await Webhook.CreateAsync(tenant, receiver.Url, "kpi.synced", "store.created");

        await (await client.PostJson("/api/v1/integrations/kpi/sync", new { store_id = store, date = "2025-12-08", kpi_entries = new[] { new { seller_id = seller, ca_journalier = -5, nb_ventes = 1, nb_articles = 1 } } }))
            .ShouldBe(HttpStatusCode.BadRequest);
        await (await client.PostJson("/api/v1/integrations/kpi/sync", new { store_id = Guid.NewGuid(), date = "2025-12-08", kpi_entries = new[] { new { seller_id = seller, ca_journalier = 5, nb_ventes = 1, nb_articles = 1 } } }))
            .ShouldBe(HttpStatusCode.NotFound);
        await (await client.PostRaw("/api/v1/integrations/kpi/sync", "{not json")).ShouldBe(HttpStatusCode.BadRequest);

        // A change that rolls back after its event was added: the outbox shares its transaction, so the event goes too.
        var outbox = api.Services.GetRequiredService<IEventOutbox>();
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await outbox.AddAsync(new SharedTransaction(connection, transaction), tenant.TenantId, EventTypes.StoreCreated,
                new StoreEventData(Guid.NewGuid(), "Jamais créé", null, true));
            (await api.Scalar<long>("SELECT count(*) FROM webhooks.events WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);
            await transaction.RollbackAsync();
        }

        await Task.Delay(1000);
        receiver.Requests.ShouldBeEmpty();
        (await api.Scalar<long>("SELECT count(*) FROM webhooks.events WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);

        // The same path committing does send: the silence above is not a broken receiver.
        await tenant.CreateStoreAsync(client, "Skyco Lyon");
        (await receiver.WaitForAsync(1)).Single().Json.GetProperty("data").Str("name").ShouldBe("Skyco Lyon");
    }

    [Fact]
    public async Task Stores_people_and_keys_send_their_events_to_the_endpoints_subscribed_to_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var other = await WebhookReceiver.StartAsync();
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        await Webhook.CreateAsync(tenant, receiver.Url, "store.created", "store.deleted", "user.created", "user.updated", "user.deleted", "api_key.revoked");
        await Webhook.CreateAsync(tenant, other.Url, "kpi.synced");

        var second = await tenant.CreateStoreAsync(client, "Skyco Nice");
        var seller = await tenant.CreateSellerAsync(client, second);
        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { name = "Lucas Bernard" })).ShouldBe(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/api/v1/integrations/users/{seller}")).ShouldBe(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/api/v1/integrations/stores/{second}")).ShouldBe(HttpStatusCode.OK);
        var key = await tenant.CreateKeyAsync("stats:read");
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);

        var events = (await receiver.WaitForAsync(6)).Select(r => r.Json).ToList();
        events.Select(e => e.Str("type")).ShouldBe(["store.created", "user.created", "user.updated", "user.deleted", "store.deleted", "api_key.revoked"], ignoreOrder: true);
        events.Single(e => e.Str("type") == "store.created").GetProperty("data").Id("store_id").ShouldBe(second);
        events.Single(e => e.Str("type") == "store.deleted").GetProperty("data").GetProperty("active").GetBoolean().ShouldBeFalse();
        events.Single(e => e.Str("type") == "user.updated").GetProperty("data").Str("name").ShouldBe("Lucas Bernard");
        events.Single(e => e.Str("type") == "user.deleted").GetProperty("data").Str("status").ShouldBe("deleted");
        events.Single(e => e.Str("type") == "api_key.revoked").GetProperty("data").Id("api_key_id").ShouldBe(key.Id);
        events.ShouldAllBe(e => !e.GetRawText().Contains("password") && !e.GetRawText().Contains("rp_live_"));
        events.Select(e => e.Str("id")).Distinct().Count().ShouldBe(6);
        other.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_new_one_and_a_test_event_reaches_the_endpoint()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await TestTenant.CreateAsync(api);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "store.created");

        var rotated = await (await tenant.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/rotate-secret", null)).ShouldBe(HttpStatusCode.OK);
        var renewed = webhook with { Secret = rotated.Str("secret") };
        renewed.Secret.ShouldStartWith("whsec_");
        renewed.Secret.ShouldNotBe(webhook.Secret);
        rotated.GetProperty("endpoint").GetProperty("previous_secret_until").GetDateTime()
            .ShouldBeInRange(DateTime.UtcNow.AddHours(23.9), DateTime.UtcNow.AddHours(24.1));

        var test = await (await tenant.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/test", null)).ShouldBe(HttpStatusCode.Accepted);
        var received = (await receiver.WaitForAsync(1)).Single();
        received.Json.Str("type").ShouldBe("webhook.test");
        received.Header("webhook-id").ShouldBe(test.Str("event_id"));
        received.Header("webhook-signature").Split(' ').Length.ShouldBe(2);
        renewed.Signed(received).ShouldBeTrue();
        webhook.Signed(received).ShouldBeTrue();

        // Secrets are kept protected, never in clear.
        (await api.Scalar<string>("SELECT secret || coalesce(previous_secret, '') FROM webhooks.endpoints WHERE id = $1", webhook.Id))!
            .ShouldNotContain(renewed.Secret["whsec_".Length..]);
    }

    [Fact]
    public async Task The_references_webhooks_section_describes_the_payloads_exactly_as_they_arrive()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var seller = await tenant.CreateSellerAsync(client, store);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "kpi.synced", "user.updated");
        await SyncAsync(client, store, seller);
        await (await client.PutJson($"/api/v1/integrations/users/{seller}", new { phone = "0601020304" })).ShouldBe(HttpStatusCode.OK);
        await (await tenant.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/test", null)).ShouldBe(HttpStatusCode.Accepted);
        var received = await receiver.WaitForAsync(3);

        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));
        var webhooks = document.RootElement.GetProperty("webhooks");
        webhooks.EnumerateObject().Select(w => w.Name).ShouldBe(
            ["kpi.synced", "store.created", "store.deleted", "user.created", "user.updated", "user.deleted", "api_key.revoked", "api_key.expiring", "webhook.test"],
            ignoreOrder: true);
        foreach (var request in received)
        {
            var type = request.Json.Str("type");
            var schema = webhooks.GetProperty(type).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(request.Json.EnumerateObject().Select(p => p.Name), ignoreOrder: true);
            schema.GetProperty("properties").GetProperty("data").GetProperty("properties").EnumerateObject().Select(p => p.Name)
                .ShouldBe(request.Json.GetProperty("data").EnumerateObject().Select(p => p.Name), ignoreOrder: true, type);
        }
    }

    [Fact]
    public async Task A_key_expiring_within_seven_days_is_announced_once_and_once_more_on_its_day()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await TestTenant.CreateAsync(api);
        await Webhook.CreateAsync(tenant, receiver.Url, "api_key.expiring");
        var soon = await tenant.CreateKeyAsync(new { name = "Caisse Skyco", permissions = new[] { "kpi:write" }, expires_in_days = 3 });
        var later = await tenant.CreateKeyAsync(new { name = "ERP", permissions = new[] { "kpi:write" }, expires_in_days = 30 });

        var week = (await receiver.WaitForAsync(1)).Single().Json;
        week.Str("type").ShouldBe("api_key.expiring");
        week.GetProperty("data").Id("api_key_id").ShouldBe(soon.Id);
        week.GetProperty("data").Str("name").ShouldBe("Caisse Skyco");

        // Its last day (the expiry moved later today, UTC, as the calendar would have brought it): one more, and only one.
        await api.Execute("""
            UPDATE keys.api_keys SET expires_at = least(now() + interval '2 hours',
                date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day' - interval '1 second')
            WHERE id = $1
            """, soon.Id);
        var day = (await receiver.WaitForAsync(2))[1].Json;
        day.GetProperty("data").Id("api_key_id").ShouldBe(soon.Id);
        await Task.Delay(1500);
        receiver.Requests.Count.ShouldBe(2);
        receiver.Requests.ShouldAllBe(r => r.Json.GetProperty("data").Id("api_key_id") != later.Id);
    }

    private static async Task<JsonElement> DeliveryAsync(TestTenant tenant, Webhook webhook, Func<JsonElement, bool> matching)
    {
        for (var i = 0; ; i++)
        {
            var list = await (await tenant.Gerant().GetAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries")).ShouldBe(HttpStatusCode.OK);
            if (list.GetProperty("deliveries").EnumerateArray().FirstOrDefault(matching) is { ValueKind: JsonValueKind.Object } found) return found;
            if (i > 100) throw new TimeoutException("no such delivery: " + list.GetRawText());
            await Task.Delay(100);
        }
    }
}
