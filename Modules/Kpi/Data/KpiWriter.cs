namespace RetailPerformer.Kpi.Data;

/// <summary>
/// The one write path of KPI rows. A batch is one store and one day, written in one transaction and one
/// round trip: it first locks that store's month totals row, then its day totals row (always in that order,
/// so concurrent writers of the same store and month queue up and never deadlock), upserts the entries on
/// (seller, date), then recomputes the day row from the entries and the month row from the day rows. Each
/// recompute runs after the locks were taken, so it sees every committed write: two concurrent syncs of the
/// same seller and day never create two rows, and the totals are always the exact sums.
/// </summary>
internal sealed class KpiWriter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<IReadOnlyList<KpiWritten>> UpsertAsync(Guid tenantId, Guid storeId, DateOnly date, IReadOnlyList<KpiLine> lines, string source,
        CancellationToken cancellationToken)
    {
        // Sorted, so that concurrent batches lock entry rows in the same order.
        var sorted = lines.OrderBy(l => l.SellerId).ToArray();
        var now = clock.GetUtcNow().UtcDateTime;
        var day = date.ToDateTime(TimeOnly.MinValue);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var month = new DateTime(day.Year, day.Month, 1);
        batch.BatchCommands.Add(Command("""
            INSERT INTO kpi.store_monthly_totals (tenant_id, store_id, month, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, store_id, month) DO UPDATE SET updated_at = EXCLUDED.updated_at
            """, tenantId, storeId, month, now));

        batch.BatchCommands.Add(Command("""
            INSERT INTO kpi.store_daily_totals (tenant_id, store_id, date, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, store_id, date) DO UPDATE SET updated_at = EXCLUDED.updated_at
            """, tenantId, storeId, day, now));

        batch.BatchCommands.Add(Command("""
            INSERT INTO kpi.entries AS e (tenant_id, seller_id, date, id, store_id, ca_journalier, nb_ventes, nb_articles, prospects, source,
                                          entry_timestamp, created_at, updated_at)
            SELECT $1, u.seller_id, $3, u.id, $2, u.ca, u.ventes, u.articles, u.prospects, $4, u.ts, $5, $5
            FROM unnest($6::uuid[], $7::uuid[], $8::numeric[], $9::int[], $10::int[], $11::int[], $12::timestamptz[])
                 WITH ORDINALITY AS u(seller_id, id, ca, ventes, articles, prospects, ts, n)
            ORDER BY u.n
            ON CONFLICT (tenant_id, seller_id, date) DO UPDATE SET
                ca_journalier = EXCLUDED.ca_journalier, nb_ventes = EXCLUDED.nb_ventes, nb_articles = EXCLUDED.nb_articles,
                prospects = EXCLUDED.prospects, source = EXCLUDED.source, entry_timestamp = EXCLUDED.entry_timestamp,
                updated_at = EXCLUDED.updated_at
            RETURNING e.seller_id, e.id, (e.xmax = 0) AS created
            """,
            tenantId, storeId, day, source, now,
            sorted.Select(l => l.SellerId).ToArray(),
            sorted.Select(_ => Guid.CreateVersion7()).ToArray(),
            sorted.Select(l => l.CaJournalier).ToArray(),
            sorted.Select(l => l.NbVentes).ToArray(),
            sorted.Select(l => l.NbArticles).ToArray(),
            sorted.Select(l => l.Prospects).ToArray(),
            sorted.Select(l => (DateTime?)l.Timestamp?.UtcDateTime).ToArray()));

        batch.BatchCommands.Add(Command("""
            UPDATE kpi.store_daily_totals t SET ca = s.ca, ventes = s.ventes, articles = s.articles, prospects = s.prospects, entries = s.entries
            FROM (SELECT coalesce(sum(ca_journalier), 0) AS ca, coalesce(sum(nb_ventes), 0) AS ventes, coalesce(sum(nb_articles), 0) AS articles,
                         coalesce(sum(prospects), 0) AS prospects, count(*)::int AS entries
                  FROM kpi.entries WHERE tenant_id = $1 AND store_id = $2 AND date = $3) s
            WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.date = $3
            """, tenantId, storeId, day));

        batch.BatchCommands.Add(Command("""
            UPDATE kpi.store_monthly_totals m SET ca = s.ca, ventes = s.ventes, articles = s.articles, prospects = s.prospects
            FROM (SELECT coalesce(sum(ca), 0) AS ca, coalesce(sum(ventes), 0) AS ventes, coalesce(sum(articles), 0) AS articles,
                         coalesce(sum(prospects), 0) AS prospects
                  FROM kpi.store_daily_totals WHERE tenant_id = $1 AND store_id = $2 AND date >= $3 AND date < $4) s
            WHERE m.tenant_id = $1 AND m.store_id = $2 AND m.month = $3
            """, tenantId, storeId, month, month.AddMonths(1)));

        var written = new List<KpiWritten>(sorted.Length);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // Only the entries upsert returns rows; walk every statement's result rather than count them.
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                    written.Add(new KpiWritten(reader.GetGuid(0), reader.GetGuid(1), reader.GetBoolean(2)));
            } while (await reader.NextResultAsync(cancellationToken));
        }
        if (written.Count != sorted.Length)
            throw new InvalidOperationException($"Upserted {written.Count} KPI rows for {sorted.Length} lines");
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p ?? DBNull.Value });
        return command;
    }
}
