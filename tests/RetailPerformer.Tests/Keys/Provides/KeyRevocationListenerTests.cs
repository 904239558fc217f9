using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Keys.Provides;

public sealed class KeyRevocationListenerTests(ListenerHostA hostA, ListenerHostB hostB) : IClassFixture<ListenerHostA>, IClassFixture<ListenerHostB>
{
    [Fact]
    public async Task A_key_deactivated_on_one_host_is_refused_by_another_host_that_had_it_cached()
    {
        var tenant = await TestTenant.CreateAsync(hostA);
        var key = await tenant.CreateKeyAsync("kpi:write");
        var onB = TestTenant.WithKey(hostB, key.Secret);
        await (await onB.GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK); // cached on B

        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);

        // The notification travels through PostgreSQL; well under a second, far under the cache's lifetime.
        (await StatusWithinAsync(onB, TimeSpan.FromSeconds(3))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_its_database_connection_is_cut_the_listener_reconnects_by_itself_and_hears_revocations_again()
    {
        var tenant = await TestTenant.CreateAsync(hostA);
        var key = await tenant.CreateKeyAsync("kpi:write");
        var onB = TestTenant.WithKey(hostB, key.Secret);

        // What a database restart does to a listening session (57P01, "terminating connection due to administrator command"),
        // to both hosts' listeners at once; each must come back without anyone restarting it. (The two hosts' sessions are
        // told by their application_name, whatever else connects to the database.)
        const string ours = "datname = current_database() AND query = 'LISTEN rp_api_key_revoked' AND application_name IN ($1, $2)";
        var oldSessions = await hostA.Scalar<string>($"SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE {ours}", hostA.ApplicationName, hostB.ApplicationName);
        oldSessions!.Split(',').Length.ShouldBe(2);
        await hostA.Execute($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE {ours}", hostA.ApplicationName, hostB.ApplicationName);
        for (var i = 0; ; i++)
        {
            var sessions = await hostA.Scalar<string>($"SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE {ours}", hostA.ApplicationName, hostB.ApplicationName);
            if (sessions is not null && sessions.Split(',').Length == 2 && !sessions.Split(',').Intersect(oldSessions.Split(',')).Any()) break;
            if (i == 100) throw new ShouldAssertException("the listeners did not come back");
            await Task.Delay(100);
        }

        // Listening again: a key cached on B after the cut is refused there once revoked through A.
        await (await onB.GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);
        (await StatusWithinAsync(onB, TimeSpan.FromSeconds(2))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>The key's answer on that host once it is no longer 200, or 200 still after <paramref name="limit"/>.</summary>
    private static async Task<HttpStatusCode> StatusWithinAsync(HttpClient client, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        HttpStatusCode status;
        do status = (await client.GetAsync("/api/v1/integrations/me")).StatusCode;
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        return status;
    }
}
