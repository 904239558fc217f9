using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>
/// Issue 18, item 4: the host works through PgBouncer in transaction mode — no startup options (the statement timeout is the
/// role's), no server-side prepared statements, LISTEN and the migrations on the direct connection.
/// </summary>
public sealed class PgBouncerTests(PgBouncerApiFactory api) : IClassFixture<PgBouncerApiFactory>
{
    [Fact]
    public async Task Through_pgbouncer_in_transaction_mode_the_api_works_and_sessions_carry_the_statement_timeout()
    {
        new NpgsqlConnectionStringBuilder(api.ConnectionString).Port.ShouldBe(api.Port);   // the host's pool is PgBouncer's

        // What every session gets, though no startup option was sent (PgBouncer would have refused the connection).
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var command = dataSource.CreateCommand("SHOW statement_timeout"))
            ((string)(await command.ExecuteScalarAsync())!).ShouldBe("30s");

        var (tenant, client, store) = await TestTenant.WithStoreAsync(api);
        var sellers = new List<Guid>();
        for (var i = 0; i < 3; i++) sellers.Add(await tenant.CreateSellerAsync(client, store));

        // Many at once: transactions of different requests share PgBouncer's few server connections.
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async day =>
        {
            var sync = await client.PostJson("/api/v1/integrations/kpi/sync", new
            {
                store_id = store, date = new DateOnly(2025, 11, 1).AddDays(day).ToString("yyyy-MM-dd"),
                kpi_entries = sellers.Select(s => new { seller_id = s, ca_journalier = 100.5, nb_ventes = 2, nb_articles = 3 }),
            });
            var stats = await client.GetAsync("/api/v1/integrations/my-stats?start_date=2025-11-01&end_date=2025-11-30");
            return (sync.StatusCode, stats.StatusCode);
        }));
        answers.ShouldAllBe(a => a.Item1 == HttpStatusCode.OK && a.Item2 == HttpStatusCode.OK);
        var month = await (await client.GetAsync("/api/v1/integrations/my-stats?start_date=2025-11-01&end_date=2025-11-30")).ShouldBe(HttpStatusCode.OK);
        month.GetProperty("total_all_stores").GetProperty("total_ventes").GetInt64().ShouldBe(30 * 3 * 2);

        // The key cache's LISTEN is on the direct connection: a revoked key is refused.
        var key = await tenant.CreateKeyAsync("kpi:write");
        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);
        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);
        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.Unauthorized);
        (await api.Scalar<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = 'rp_tests_pgbouncer' AND query = 'LISTEN rp_api_key_revoked'"))
            .ShouldBe(1);
    }
}
