using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Webhooks;

/// <summary>Two hosts on one database both dispatch: every attempt is made once (issue 16).</summary>
public sealed class WebhookDispatchersTests(ApiFactory hostA, SecondHost hostB) : IClassFixture<ApiFactory>, IClassFixture<SecondHost>
{
    [Fact]
    public async Task Two_dispatchers_never_deliver_one_attempt_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await TestTenant.CreateAsync(hostA);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "kpi.synced");
        _ = hostB.Client();   // the second host (and its dispatcher) is running

        // Queued at once, through both hosts, so that both dispatchers find them due together.
        var queued = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            (i % 2 == 0 ? tenant.Gerant() : TestTenant.WithBearer(hostB, tenant.Token)).PostAsync($"/api/gerant/webhooks/{webhook.Id}/test", null)));
        queued.ShouldAllBe(q => q.StatusCode == HttpStatusCode.Accepted);

        try { await receiver.WaitForAsync(60); }
        catch (TimeoutException)
        {
            var states = await hostA.Scalar<string>("SELECT string_agg(status || ':' || attempts || ':' || coalesce(last_error, '') || ':' || next_attempt_at::text, ' | ') FROM webhooks.deliveries WHERE endpoint_id = $1 AND status <> 'delivered'", webhook.Id);
            throw new Exception(states + "\n" + string.Join("\n", hostA.Logs.Lines.Concat(hostB.Logs.Lines).Where(l => l.Contains("Webhook") || l.Contains("webhook")).TakeLast(10)));
        }
        await Task.Delay(1000);
        receiver.Requests.Count.ShouldBe(60);
        receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count().ShouldBe(60);
        (await hostA.Scalar<long>("SELECT count(*) FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1", webhook.Id))
            .ShouldBe(60);
        (await hostA.Scalar<long>("SELECT count(*) FROM webhooks.deliveries WHERE endpoint_id = $1 AND status = 'delivered' AND attempts = 1", webhook.Id))
            .ShouldBe(60);
    }

    [Fact]
    public async Task Deleting_an_endpoint_while_both_hosts_record_its_failures_ends_cleanly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAlways(500);
        var (tenant, client, _) = await TestTenant.WithStoreAsync(hostA);
        var webhook = await Webhook.CreateAsync(tenant, receiver.Url, "store.created");
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => tenant.CreateStoreAsync(client, $"Skyco {i:00}")));
        await receiver.WaitForAsync(40);   // failures being retried, on both hosts

        await (await tenant.Gerant().DeleteAsync($"/api/gerant/webhooks/{webhook.Id}")).ShouldBe(HttpStatusCode.OK);
        (await hostA.Scalar<long>("SELECT count(*) FROM webhooks.deliveries WHERE endpoint_id = $1", webhook.Id)).ShouldBe(0);
        await Task.Delay(1000);
        var after = receiver.Requests.Count;
        await Task.Delay(1000);
        receiver.Requests.Count.ShouldBe(after);   // nothing more is sent once it is gone
        hostA.Logs.Lines.Concat(hostB.Logs.Lines).ShouldNotContain(l => l.Contains("deadlock"));
    }
}
