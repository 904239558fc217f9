using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Contracts.Kpi;

namespace RetailPerformer.Kpi.Provides;

/// <summary>
/// Statistics read the per-store totals, never the entries: the whole months of the period from
/// <c>store_monthly_totals</c>, the days before the first whole month and after the last from
/// <c>store_daily_totals</c>, in one query (<c>Data/kpi_totals_by_store.sql</c>).
/// </summary>
internal sealed class KpiTotalsReader(NpgsqlDataSource dataSource) : IKpiTotals
{
    public async Task<IReadOnlyDictionary<Guid, KpiTotals>> ByStoreAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start, DateOnly end,
        CancellationToken cancellationToken)
    {
        var totals = new Dictionary<Guid, KpiTotals>();
        if (storeIds.Count == 0) return totals;
        await using var command = Command(KpiSql.TotalsByStore, tenantId, storeIds, start, end);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            totals[reader.GetGuid(0)] = new KpiTotals(reader.GetDecimal(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        return totals;
    }

    public async Task<IReadOnlyList<(Guid StoreId, DateOnly Day, Guid SellerId)>> SellerDaysAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds,
        DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        if (storeIds.Count == 0) return [];
        await using var command = Command(
            "SELECT store_id, date, seller_id FROM kpi.entries WHERE tenant_id = $1 AND store_id = ANY($2) AND date BETWEEN $3 AND $4",
            tenantId, storeIds, start, end);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(Guid, DateOnly, Guid)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetGuid(2)));
        return rows;
    }

    public async Task<IReadOnlyList<(DateOnly Day, decimal Ca)>> DailyCaAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start, DateOnly end,
        CancellationToken cancellationToken)
    {
        if (storeIds.Count == 0) return [];
        await using var command = Command("""
            SELECT date, sum(ca) FROM kpi.store_daily_totals
            WHERE tenant_id = $1 AND store_id = ANY($2) AND date BETWEEN $3 AND $4
            GROUP BY date ORDER BY date
            """, tenantId, storeIds, start, end);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<(DateOnly, decimal)>();
        while (await reader.ReadAsync(cancellationToken)) days.Add((reader.GetFieldValue<DateOnly>(0), reader.GetDecimal(1)));
        return days;
    }

    /// <summary>A statement over (tenant, stores, first day, last day): $1 to $4 of every query here.</summary>
    private NpgsqlCommand Command(string sql, Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start, DateOnly end) =>
        dataSource.CreateCommand(sql).WithValues(tenantId, storeIds.ToArray(), start, end);
}
