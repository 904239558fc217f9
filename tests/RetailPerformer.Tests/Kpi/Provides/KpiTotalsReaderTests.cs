using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Kpi.Provides;

/// <summary>
/// The month boundaries of the statistics query (<c>Modules/Kpi/Data/kpi_totals_by_store.sql</c>): whole months are read from
/// the monthly totals, the ragged days from the daily totals. Seeded so that the two disagree on purpose — every day worth
/// 1 in the daily table, every month worth 1,000 in the monthly one — the total says which table each part came from.
/// </summary>
public sealed class KpiTotalsReaderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("2025-01-01", "2025-12-31", 12, 0)]    // a whole year: twelve whole months, no ragged day
    [InlineData("2025-01-15", "2025-03-10", 1, 27)]    // ragged at both ends: February whole, 17 + 10 days
    [InlineData("2025-02-01", "2025-02-28", 1, 0)]     // exactly one month (not a leap year)
    [InlineData("2024-02-01", "2024-02-28", 0, 28)]    // a leap February missing its 29th: no whole month
    [InlineData("2025-03-05", "2025-03-20", 0, 16)]    // inside one month
    [InlineData("2025-12-31", "2026-01-31", 1, 1)]     // across a year end
    [InlineData("2025-06-30", "2025-07-01", 0, 2)]     // two days across a month end
    public async Task Statistics_read_whole_months_from_the_monthly_totals_and_the_ragged_days_from_the_daily_ones(
        string start, string end, int wholeMonths, int raggedDays)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        var from = DateOnly.Parse(start).AddDays(-60);
        var to = DateOnly.Parse(end).AddDays(60);
        await api.Execute("""
            INSERT INTO kpi.store_daily_totals (tenant_id, store_id, date, ca, ventes, articles, prospects, entries)
            SELECT $1, $2, d, 1, 0, 0, 0, 1 FROM generate_series($3::date, $4::date, interval '1 day') AS d
            """, tenant.TenantId, store, from, to);
        await api.Execute("""
            INSERT INTO kpi.store_monthly_totals (tenant_id, store_id, month, ca, ventes, articles, prospects)
            SELECT $1, $2, m, 1000, 0, 0, 0 FROM generate_series(date_trunc('month', $3::date::timestamp), $4::date::timestamp, interval '1 month') AS m
            """, tenant.TenantId, store, from, to);

        var stats = await (await admin.GetAsync($"/api/v1/integrations/my-stats?start_date={start}&end_date={end}")).ShouldBe(HttpStatusCode.OK);
        stats.GetProperty("total_all_stores").GetProperty("total_ca").GetDecimal().ShouldBe(1000m * wholeMonths + raggedDays);
    }
}
