using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RetailPerformer.Activity.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.Data;

/// <summary>Retention (issue 15, item 5): one partition per day, yesterday to two days ahead; whole days dropped after 90 days.</summary>
public sealed class RequestLogPartitionsTests(RetentionApiFactory api) : IClassFixture<RetentionApiFactory>
{
    private static readonly string[] Tables = ["request_blocks", "request_counts"];

    private Task<long> Partitions(string name) =>
        api.Scalar<long>("SELECT count(*) FROM pg_class WHERE relname = $1 AND relnamespace = 'activity'::regnamespace", name);

    private async Task Log(Guid tenant, DateTime at)
    {
        var key = Guid.NewGuid();
        await api.Execute("""
            INSERT INTO activity.request_blocks (tenant_id, key_id, first_at, last_at, requests, errors, pair_routes, pair_statuses, pair_counts, entries)
            VALUES ($1, $2, $3, $3, 1, 0, '{/api/v1/integrations/me}', '{200}', '{1}',
                    convert_to('[[0, "GET", "/api/v1/integrations/me", "", 200, 1, null, "127.0.0.1", null, "r1"]]', 'UTF8'))
            """, tenant, key, at);
        await api.Execute("""
            INSERT INTO activity.request_counts (tenant_id, key_id, hour, route, status, count)
            VALUES ($1, $2, date_trunc('hour', $3), '/api/v1/integrations/me', 200, 1)
            """, tenant, key, at);
    }

    [Fact]
    public async Task Days_around_today_exist_and_days_past_the_retention_are_dropped_whole()
    {
        var partitions = api.Services.GetRequiredService<RequestLogPartitions>();
        await partitions.MaintainAsync(CancellationToken.None);
        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);
        foreach (var table in Tables)
        foreach (var day in new[] { today.AddDays(-1), today, today.AddDays(1), today.AddDays(2) })
            (await Partitions(RequestLogPartitions.NameOf(table, day))).ShouldBe(1, $"{table} {day}");

        // A row of today, then 91 days later: today's partitions are past the retention and dropped with their rows.
        var tenant = Guid.NewGuid();
        await Log(tenant, api.Clock.GetUtcNow().UtcDateTime);
        api.Clock.Advance(TimeSpan.FromDays(91));
        var dropped = await partitions.MaintainAsync(CancellationToken.None);

        foreach (var table in Tables)
        {
            dropped.ShouldContain(RequestLogPartitions.NameOf(table, today));
            (await Partitions(RequestLogPartitions.NameOf(table, today))).ShouldBe(0);
            (await Partitions(RequestLogPartitions.NameOf(table, today.AddDays(91)))).ShouldBe(1);
            (await Partitions(RequestLogPartitions.NameOf(table, today.AddDays(2)))).ShouldBe(1);   // within the retention: kept
        }
        (await api.Scalar<long>("SELECT count(*) FROM activity.requests WHERE tenant_id = $1", tenant)).ShouldBe(0);
        (await api.Scalar<long>("SELECT count(*) FROM activity.request_counts WHERE tenant_id = $1", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_day_without_a_partition_waits_in_the_default_one_and_moves_to_its_own_then_ages_out_like_the_others()
    {
        var partitions = api.Services.GetRequiredService<RequestLogPartitions>();
        await partitions.MaintainAsync(CancellationToken.None);
        // Ten days ago: no partition was made for that day, the row goes to the default partition.
        var day = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(-10);
        var tenant = Guid.NewGuid();
        await Log(tenant, day.ToDateTime(new TimeOnly(13, 0), DateTimeKind.Utc));
        (await api.Scalar<long>("SELECT count(*) FROM activity.request_blocks_default WHERE tenant_id = $1", tenant)).ShouldBe(1);

        await partitions.MaintainAsync(CancellationToken.None);

        foreach (var table in Tables) (await Partitions(RequestLogPartitions.NameOf(table, day))).ShouldBe(1, table);
        (await api.Scalar<long>("SELECT count(*) FROM activity.request_blocks_default WHERE tenant_id = $1", tenant)).ShouldBe(0);
        (await api.Scalar<long>("SELECT count(*) FROM activity.request_counts_default WHERE tenant_id = $1", tenant)).ShouldBe(0);
        (await api.Scalar<long>("SELECT count(*) FROM activity.requests WHERE tenant_id = $1", tenant)).ShouldBe(1);

        api.Clock.Advance(TimeSpan.FromDays(81));
        var dropped = await partitions.MaintainAsync(CancellationToken.None);
        dropped.ShouldContain(RequestLogPartitions.NameOf("request_blocks", day));
        (await api.Scalar<long>("SELECT count(*) FROM activity.requests WHERE tenant_id = $1", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_page_read_while_its_day_moves_out_of_the_default_partition_still_holds_every_request()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("kpi:write");
        var partitions = api.Services.GetRequiredService<RequestLogPartitions>();
        await partitions.MaintainAsync(CancellationToken.None);
        // Five refusals on a day without a partition of its own (so in the default one), in both tables.
        var day = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(-40);
        var at = day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        await api.Execute("""
            INSERT INTO activity.request_blocks (tenant_id, key_id, first_at, last_at, requests, errors, pair_routes, pair_statuses, pair_counts, entries)
            VALUES ($1, $2, $3, $3, 5, 5, '{/api/v1/integrations/kpi/sync}', '{404}', '{5}', convert_to(
                '[[0,"POST","/api/v1/integrations/kpi/sync","",404,1,"d","127.0.0.1",null,"r1"],[1,"POST","/api/v1/integrations/kpi/sync","",404,1,"d","127.0.0.1",null,"r2"],'
                || '[2,"POST","/api/v1/integrations/kpi/sync","",404,1,"d","127.0.0.1",null,"r3"],[3,"POST","/api/v1/integrations/kpi/sync","",404,1,"d","127.0.0.1",null,"r4"],'
                || '[4,"POST","/api/v1/integrations/kpi/sync","",404,1,"d","127.0.0.1",null,"r5"]]', 'UTF8'))
            """, tenant.TenantId, key.Id, at);
        await api.Execute("""
            INSERT INTO activity.request_counts (tenant_id, key_id, hour, route, status, count) VALUES ($1, $2, $3, '/api/v1/integrations/kpi/sync', 404, 5)
            """, tenant.TenantId, key.Id, at);
        (await api.Scalar<long>("SELECT count(*) FROM activity.request_blocks_default WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(1);

        // The maintenance held up between the two tables — the day's blocks moved and attached, not yet committed — by a
        // reader of the counts' default partition; the gérant's page asked meanwhile, and answered once the move commits.
        await using var holder = new NpgsqlConnection(api.ConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE activity.request_counts_default IN ACCESS SHARE MODE", holder, hold).ExecuteNonQueryAsync();
        const string waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1";
        var maintenance = partitions.MaintainAsync(CancellationToken.None);
        await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => await api.Scalar<long>(waiting, "%request_counts%") == 1);
        var page = tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}/requests?status=4xx");
        await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => await api.Scalar<long>(waiting, "%WITH matching%") == 1);   // the page's query
        await hold.CommitAsync();
        await maintenance;

        var body = await (await page).ShouldBe(HttpStatusCode.OK);
        body.GetProperty("meta").GetProperty("total").GetInt64().ShouldBe(5);
        body.GetProperty("requests").GetArrayLength().ShouldBe(5);
        (await Partitions(RequestLogPartitions.NameOf("request_blocks", day))).ShouldBe(1);
        (await api.Scalar<long>("SELECT count(*) FROM activity.request_blocks_default WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);
    }
}
