using RetailPerformer.Shared.Contracts;

namespace RetailPerformer.Kpi.Totals;

/// <summary>Statistics read the per-store daily totals, never the entries: one indexed range scan per store.</summary>
internal sealed class KpiTotalsReader(NpgsqlDataSource dataSource) : IKpiTotals
{
    public async Task<IReadOnlyDictionary<Guid, KpiTotals>> ByStoreAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start, DateOnly end,
        CancellationToken cancellationToken)
    {
        var totals = new Dictionary<Guid, KpiTotals>();
        if (storeIds.Count == 0) return totals;
        await using var command = dataSource.CreateCommand("""
            SELECT store_id, sum(ca), sum(ventes)::bigint, sum(articles)::bigint, sum(prospects)::bigint
            FROM kpi.store_daily_totals
            WHERE tenant_id = $1 AND store_id = ANY($2) AND date BETWEEN $3 AND $4
            GROUP BY store_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = storeIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        command.Parameters.Add(new NpgsqlParameter { Value = end });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            totals[reader.GetGuid(0)] = new KpiTotals(reader.GetDecimal(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        return totals;
    }
}
