using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Activity.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.Data;

/// <summary>Retention (issue 15, item 5): one partition per day, yesterday to two days ahead; whole days dropped after 90 days.</summary>
public sealed class RequestLogPartitionsTests(RetentionApiFactory api) : IClassFixture<RetentionApiFactory>
{
    private Task<long> Partitions(string name) =>
        api.Scalar<long>("SELECT count(*) FROM pg_class WHERE relname = $1 AND relnamespace = 'activity'::regnamespace", name);

    [Fact]
    public async Task Days_around_today_exist_and_days_past_the_retention_are_dropped_whole()
    {
        var partitions = api.Services.GetRequiredService<RequestLogPartitions>();
        await partitions.MaintainAsync(CancellationToken.None);
        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);
        foreach (var day in new[] { today.AddDays(-1), today, today.AddDays(1), today.AddDays(2) })
            (await Partitions(RequestLogPartitions.NameOf(day))).ShouldBe(1, day.ToString());

        // A row of today, then 91 days later: today's partition is past the retention and dropped with its row.
        var tenant = Guid.NewGuid();
        await api.Execute("""
            INSERT INTO activity.requests (tenant_id, at, key_id, method, route, path_ids, status, duration_ms, request_id)
            VALUES ($1, now(), $2, 'GET', '/api/v1/integrations/me', '{}', 200, 1, 'r1')
            """, tenant, Guid.NewGuid());
        api.Clock.Advance(TimeSpan.FromDays(91));
        var dropped = await partitions.MaintainAsync(CancellationToken.None);

        dropped.ShouldContain(RequestLogPartitions.NameOf(today));
        (await Partitions(RequestLogPartitions.NameOf(today))).ShouldBe(0);
        (await api.Scalar<long>("SELECT count(*) FROM activity.requests WHERE tenant_id = $1", tenant)).ShouldBe(0);
        (await Partitions(RequestLogPartitions.NameOf(today.AddDays(91)))).ShouldBe(1);
        // Within the retention: kept.
        (await Partitions(RequestLogPartitions.NameOf(today.AddDays(2)))).ShouldBe(1);
    }
}
