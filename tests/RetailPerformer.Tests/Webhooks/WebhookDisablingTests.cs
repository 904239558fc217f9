using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Webhooks;

/// <summary>An endpoint that keeps failing is disabled and says why; enabled again, it starts afresh (issue 16).</summary>
public sealed class WebhookDisablingTests(FailingWebhooksApiFactory api) : IClassFixture<FailingWebhooksApiFactory>
{
    [Fact]
    public async Task A_receiver_down_for_the_whole_schedule_disables_the_endpoint_and_the_gerant_reads_why_and_is_emailed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAlways(503);
        var (tenant, client, _) = await TestTenant.WithStoreAsync(api);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "store.created");

        await tenant.CreateStoreAsync(client, "Skyco Lille");
        for (var i = 0; ; i++)
        {
            var endpoint = await (await tenant.Gerant().GetAsync($"/api/gerant/webhooks/{webhook.Id}")).ShouldBe(HttpStatusCode.OK);
            if (!endpoint.GetProperty("enabled").GetBoolean())
            {
                endpoint.Str("disabled_reason").ShouldStartWith("Disabled on ");
                endpoint.GetProperty("failing_since").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
                break;
            }
            if (i > 150) throw new TimeoutException("the endpoint was never disabled");
            await Task.Delay(100);
        }
        var attempts = receiver.Requests.Count;
        attempts.ShouldBeGreaterThan(3);
        // Logged once the disabling is committed, so it may come a moment after the endpoint reads disabled.
        await Eventually.WithinAsync(TimeSpan.FromSeconds(5),
            () => Task.FromResult(api.Logs.Lines.Any(l => l.Contains($"endpoint {webhook.Id}") && l.Contains("disabled"))));
        var email = await api.Smtp.MessageFor(tenant.Email);   // and told by email, in French
        email.ShouldContain($"Votre webhook {receiver.Url} a été désactivé");
        email.ShouldContain("réactivez le webhook dans la console");

        // Disabled: nothing more is sent, new events included.
        await tenant.CreateStoreAsync(client, "Skyco Metz");
        await Task.Delay(1200);
        receiver.Requests.Count.ShouldBe(attempts);

        // Enabled again by the gérant: the reason and the run of failures are gone, and it receives again.
        receiver.AnswerAlways(200);
        var enabled = await (await tenant.Gerant().PutJson($"/api/gerant/webhooks/{webhook.Id}", new { enabled = true })).ShouldBe(HttpStatusCode.OK);
        enabled.GetProperty("disabled_reason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        enabled.GetProperty("failing_since").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        await tenant.CreateStoreAsync(client, "Skyco Nancy");
        (await receiver.WaitForAsync(1, r => r.Json.GetProperty("data").Str("name") == "Skyco Nancy")).Single().Json.Str("type").ShouldBe("store.created");
    }
}
