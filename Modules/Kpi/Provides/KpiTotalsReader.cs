using RetailPerformer.Shared.Contracts.Kpi;

namespace RetailPerformer.Kpi.Provides;

/// <summary>
/// Statistics read the per-store totals, never the entries: the whole months of the period from
/// <c>store_monthly_totals</c>, the days before the first whole month and after the last from
/// <c>store_daily_totals</c>, in one query.
/// </summary>
internal sealed class KpiTotalsReader(NpgsqlDataSource dataSource) : IKpiTotals
{
    public async Task<IReadOnlyDictionary<Guid, KpiTotals>> ByStoreAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start, DateOnly end,
        CancellationToken cancellationToken)
    {
        var totals = new Dictionary<Guid, KpiTotals>();
        if (storeIds.Count == 0) return totals;
        var (firstWholeMonth, afterWholeMonths) = WholeMonths(start, end);
        await using var command = dataSource.CreateCommand(Sql);
        foreach (var value in new object[] { tenantId, storeIds.ToArray(), start, end, firstWholeMonth, afterWholeMonths })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            totals[reader.GetGuid(0)] = new KpiTotals(reader.GetDecimal(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        return totals;
    }

    /// <summary>$3..$4 is the period; $5..$6 (exclusive) its whole months, read from the monthly table.</summary>
    public const string Sql = """
        SELECT store_id, sum(ca), sum(ventes)::bigint, sum(articles)::bigint, sum(prospects)::bigint
        FROM (
            SELECT store_id, ca, ventes, articles, prospects FROM kpi.store_monthly_totals
            WHERE tenant_id = $1 AND store_id = ANY($2) AND month >= $5 AND month < $6
            UNION ALL
            SELECT store_id, ca, ventes, articles, prospects FROM kpi.store_daily_totals
            WHERE tenant_id = $1 AND store_id = ANY($2) AND date BETWEEN $3 AND $4 AND NOT (date >= $5 AND date < $6)
        ) t
        GROUP BY store_id
        """;

    /// <summary>
    /// The first day of the first month wholly inside [start, end], and the first day after the last such
    /// month; equal when the period holds no whole month.
    /// </summary>
    public static (DateOnly First, DateOnly After) WholeMonths(DateOnly start, DateOnly end)
    {
        var first = start.Day == 1 ? start : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
        var afterEnd = end.AddDays(1);
        var after = new DateOnly(afterEnd.Year, afterEnd.Month, 1);
        return after > first ? (first, after) : (first, first);
    }
}
