using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Webhooks;

/// <summary>The gérant's endpoints through /api/gerant/webhooks: what is refused (and writes nothing), and who may see what (issue 16).</summary>
public sealed class WebhookEndpointsTests(ApiFactory api, StrictWebhooksApiFactory strict)
    : IClassFixture<ApiFactory>, IClassFixture<StrictWebhooksApiFactory>
{
    private const string Url = "http://127.0.0.1:9/hook";

    private async Task<long> EndpointsOf(TestTenant tenant) =>
        await api.Scalar<long>("SELECT count(*) FROM webhooks.endpoints WHERE tenant_id = $1", tenant.TenantId);

    [Fact]
    public async Task An_endpoint_is_created_listed_changed_and_deleted_and_its_secret_is_shown_once()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var created = await tenant.Gerant().PostJson("/api/gerant/webhooks",
            new { url = Url, event_types = new[] { "store.created", "kpi.synced", "kpi.synced" }, description = "n8n — rapport du matin" });
        var body = await created.ShouldBe(HttpStatusCode.Created);
        var id = body.GetProperty("endpoint").Id("id");
        created.Headers.Location!.ToString().ShouldBe($"/api/gerant/webhooks/{id}");
        created.Headers.CacheControl!.NoStore.ShouldBeTrue();
        // Standard Webhooks' form: the key in base64 after the prefix; the key itself is 43 characters of base64url text
        // (so that n8n's Crypto node, which takes a key as text, can use it).
        body.Str("secret").ShouldMatch("^whsec_[A-Za-z0-9+/]{58}==$");
        System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(body.Str("secret")["whsec_".Length..])).ShouldMatch("^[A-Za-z0-9_-]{43}$");
        body.GetProperty("endpoint").GetProperty("event_types").EnumerateArray().Select(t => t.GetString()).ShouldBe(["kpi.synced", "store.created"]);
        body.GetProperty("endpoint").GetProperty("enabled").GetBoolean().ShouldBeTrue();

        var list = await (await tenant.Gerant().GetAsync("/api/gerant/webhooks")).ShouldBe(HttpStatusCode.OK);
        list.GetRawText().ShouldNotContain("whsec_");
        list.GetProperty("webhooks").EnumerateArray().Single().Id("id").ShouldBe(id);

        var changed = await (await tenant.Gerant().PutJson($"/api/gerant/webhooks/{id}", new { enabled = false, event_types = new[] { "user.deleted" } }))
            .ShouldBe(HttpStatusCode.OK);
        changed.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        changed.Str("url").ShouldBe(Url);
        changed.Str("description").ShouldBe("n8n — rapport du matin");
        (await (await tenant.Gerant().GetAsync($"/api/gerant/webhooks/{id}")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("event_types").EnumerateArray().Single().GetString().ShouldBe("user.deleted");

        (await (await tenant.Gerant().DeleteAsync($"/api/gerant/webhooks/{id}")).ShouldBe(HttpStatusCode.OK)).Str("message").ShouldBe("Webhook endpoint deleted");
        await (await tenant.Gerant().GetAsync($"/api/gerant/webhooks/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "Webhook endpoint not found");
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/webhooks/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "Webhook endpoint not found");
    }

    [Theory]
    [InlineData("""{"event_types": ["kpi.synced"]}""", "url")]
    [InlineData("""{"url": "ftp://n8n.skyco.fr/hook", "event_types": ["kpi.synced"]}""", "url")]
    [InlineData("""{"url": "/webhook/relative", "event_types": ["kpi.synced"]}""", "url")]
    [InlineData("""{"url": "https://user:pass@n8n.skyco.fr/hook", "event_types": ["kpi.synced"]}""", "url")]
    [InlineData("""{"url": "https://n8n.skyco.fr/hook"}""", "event_types")]
    [InlineData("""{"url": "https://n8n.skyco.fr/hook", "event_types": []}""", "event_types")]
    [InlineData("""{"url": "https://n8n.skyco.fr/hook", "event_types": ["kpi.deleted"]}""", "event_types")]
    [InlineData("""{"url": "https://n8n.skyco.fr/hook", "event_types": ["kpi.synced"], "description": "a\u0007b"}""", "description")]
    [InlineData("""{"url": 12, "event_types": ["kpi.synced"]}""", null)]
    [InlineData("""{"url": "https://n8n.skyco.fr/hook", "event_types": "kpi.synced"}""", null)]
    [InlineData("""{not json""", null)]
    public async Task A_wrong_endpoint_is_400_naming_its_field_and_writes_nothing(string json, string? field)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var problem = await (await tenant.Gerant().PostRaw("/api/gerant/webhooks", json)).ShouldBe(HttpStatusCode.BadRequest);
        if (field is not null) problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field);
        (await EndpointsOf(tenant)).ShouldBe(0);
    }

    [Theory]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://172.16.8.1/hook")]
    [InlineData("http://192.168.1.20:5678/webhook/x")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd00:ec2::254]/hook")]
    [InlineData("http://[fc00::5]/hook")]
    [InlineData("http://[::ffff:10.0.0.5]/hook")]
    [InlineData("http://224.0.0.1/hook")]
    public async Task A_private_link_local_or_metadata_address_is_refused_on_creation_and_on_change(string url)
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await tenant.Gerant().PostJson("/api/gerant/webhooks", new { url, event_types = new[] { "kpi.synced" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "The endpoint's address is not allowed: loopback, private, link-local and metadata addresses cannot receive webhooks");
        (await EndpointsOf(tenant)).ShouldBe(0);

        var webhook = await Webhook.CreateAsync(tenant, Url, "kpi.synced");
        await (await tenant.Gerant().PutJson($"/api/gerant/webhooks/{webhook.Id}", new { url })).ShouldBe(HttpStatusCode.BadRequest);
        (await api.Scalar<string>("SELECT url FROM webhooks.endpoints WHERE id = $1", webhook.Id)).ShouldBe(Url);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5678/webhook/x")]
    [InlineData("http://localhost:5678/webhook/x")]
    [InlineData("http://[::1]/hook")]
    public async Task Loopback_is_refused_unless_configuration_allows_it(string url)
    {
        var tenant = await TestTenant.CreateAsync(strict);
        await (await tenant.Gerant().PostJson("/api/gerant/webhooks", new { url, event_types = new[] { "kpi.synced" } }))
            .ShouldBe(HttpStatusCode.BadRequest);
        (await strict.Scalar<long>("SELECT count(*) FROM webhooks.endpoints WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_address_that_became_forbidden_after_the_endpoint_was_saved_is_not_connected_to()
    {
        // An endpoint saved while its name pointed elsewhere, now pointing at this machine (written here straight into the
        // table, as a re-pointed DNS name would make it): the dispatcher checks the address it connects to, not the one saved.
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await TestTenant.CreateAsync(strict);
        var id = Guid.NewGuid();
        var secret = strict.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("RetailPerformer.Webhooks.EndpointSecret").Protect("whsec_" + Convert.ToBase64String(new byte[32]));
        await strict.Execute("""
            INSERT INTO webhooks.endpoints (id, tenant_id, url, event_types, secret, created_at, updated_at)
            VALUES ($1, $2, $3, '{kpi.synced}', $4, now(), now())
            """, id, tenant.TenantId, receiver.Url, secret);

        await (await tenant.Gerant().PostAsync($"/api/gerant/webhooks/{id}/test", null)).ShouldBe(HttpStatusCode.Accepted);
        for (var i = 0; await strict.Scalar<string>("SELECT status FROM webhooks.deliveries WHERE endpoint_id = $1", id) != "failed"; i++)
        {
            if (i > 100) throw new TimeoutException("the delivery was never given up");
            await Task.Delay(100);
        }
        (await strict.Scalar<string>("SELECT error FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1", id))!
            .ShouldStartWith("The endpoint's address is not allowed");
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await tenant.Gerant().PostJson("/api/gerant/webhooks", new { url = "https://nowhere.invalid/hook", event_types = new[] { "kpi.synced" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "The endpoint's host name does not resolve");
    }

    [Fact]
    public async Task Another_chain_sees_none_of_it_and_only_the_gerant_may_manage_endpoints()
    {
        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var webhook = await Webhook.CreateAsync(tenant, Url, "kpi.synced");
        var intruder = await TestTenant.CreateAsync(api);
        var delivery = Guid.NewGuid();

        (await (await intruder.Gerant().GetAsync("/api/gerant/webhooks")).ShouldBe(HttpStatusCode.OK)).GetProperty("webhooks").GetArrayLength().ShouldBe(0);
        foreach (var response in new[]
                 {
                     await intruder.Gerant().GetAsync($"/api/gerant/webhooks/{webhook.Id}"),
                     await intruder.Gerant().PutJson($"/api/gerant/webhooks/{webhook.Id}", new { enabled = false }),
                     await intruder.Gerant().DeleteAsync($"/api/gerant/webhooks/{webhook.Id}"),
                     await intruder.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/rotate-secret", null),
                     await intruder.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/test", null),
                     await intruder.Gerant().GetAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries"),
                     await intruder.Gerant().PostJson($"/api/gerant/webhooks/{webhook.Id}/replay-failed", new { since = "2025-01-01" }),
                     await intruder.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries/{delivery}/replay", null),
                 })
            await response.ShouldBe(HttpStatusCode.NotFound);
        var row = await api.Scalar<bool>("SELECT enabled FROM webhooks.endpoints WHERE id = $1", webhook.Id);
        row.ShouldBeTrue();
        (await api.Scalar<long>("SELECT count(*) FROM webhooks.deliveries WHERE endpoint_id = $1", webhook.Id)).ShouldBe(0);

        await (await api.Client().GetAsync("/api/gerant/webhooks")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/gerant/webhooks")).ShouldBe(HttpStatusCode.Unauthorized);   // an API key is not a gérant
        var (_, managerToken) = await tenant.SignedInPersonAsync(client, store, "manager");
        await (await TestTenant.WithBearer(api, managerToken).GetAsync("/api/gerant/webhooks")).ShouldBe(HttpStatusCode.Forbidden);
        await (await TestTenant.WithBearer(api, managerToken).PostJson("/api/gerant/webhooks", new { url = Url, event_types = new[] { "kpi.synced" } }))
            .ShouldBe(HttpStatusCode.Forbidden);
        (await EndpointsOf(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task Parallel_creations_never_pass_twenty_endpoints()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var answers = await Task.WhenAll(Enumerable.Range(0, 26).Select(_ =>
            tenant.Gerant().PostJson("/api/gerant/webhooks", new { url = Url, event_types = new[] { "kpi.synced" } })));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(20);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            await refused.ShouldBeProblem(HttpStatusCode.BadRequest, "A chain has at most 20 webhook endpoints");
        (await EndpointsOf(tenant)).ShouldBe(20);
    }

    [Fact]
    public async Task Deliveries_filters_are_checked()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var webhook = await Webhook.CreateAsync(tenant, Url, "kpi.synced");
        await (await tenant.Gerant().GetAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries?status=lost"))
            .ShouldBe(HttpStatusCode.BadRequest);
        await (await tenant.Gerant().GetAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries?page=0")).ShouldBe(HttpStatusCode.BadRequest);
        await (await tenant.Gerant().GetAsync("/api/gerant/webhooks/not-an-id/deliveries")).ShouldBe(HttpStatusCode.NotFound);
        await (await tenant.Gerant().PostAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries/not-an-id/replay", null)).ShouldBe(HttpStatusCode.NotFound);
    }
}
