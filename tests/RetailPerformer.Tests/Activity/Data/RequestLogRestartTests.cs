using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.Data;

/// <summary>A log written before a restart is there after it: it lives in PostgreSQL, not in the host.</summary>
public sealed class RequestLogRestartTests
{
    [Fact]
    public async Task Requests_logged_before_a_host_stops_are_in_the_log_after_it_starts_again()
    {
        var first = new RestartApiFactory();
        await first.InitializeAsync();
        var tenant = await TestTenant.CreateAsync(first);
        var key = await tenant.CreateKeyAsync("stats:read");
        var client = tenant.WithKey(key.Secret);
        for (var i = 0; i < 20; i++) (await client.GetAsync("/api/v1/integrations/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await first.Scalar<long>("SELECT count(*) FROM activity.requests WHERE key_id = $1", key.Id) < 20 && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        // Stopped as a deployment stops a host (SIGTERM: its graceful stop), then a new one on the same database.
        var lifetime = first.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        var second = new RestartApiFactory();
        await second.InitializeAsync();
        try
        {
            (await second.Scalar<long>("SELECT count(*) FROM activity.requests WHERE key_id = $1", key.Id)).ShouldBe(20);
            var gerant = TestTenant.WithBearer(second, await TestTenant.SignInAsync(second, tenant.Email, TestTenant.Password));
            var listed = await (await gerant.GetAsync($"/api/gerant/api-keys/{key.Id}/requests")).ShouldBe(HttpStatusCode.OK);
            listed.GetProperty("meta").GetProperty("total").GetInt64().ShouldBe(20);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
