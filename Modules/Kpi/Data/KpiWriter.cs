using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Kpi.Data;

/// <summary>
/// The one write path of KPI rows. A batch is one store and one day, written in one transaction and one
/// round trip: it first locks that store's month totals row, then its day totals row (always in that order,
/// so concurrent writers of the same store and month queue up and never deadlock), upserts the entries on
/// (seller, date), then recomputes the day row from the entries and the month row from the day rows. Each
/// recompute runs after the locks were taken, so it sees every committed write: two concurrent syncs of the
/// same seller and day never create two rows, and the totals are always the exact sums. The batch's line of the sync
/// history is written last, in the same transaction.
/// </summary>
internal sealed class KpiWriter(NpgsqlDataSource dataSource, IEventOutbox outbox, TimeProvider clock)
{
    public async Task<IReadOnlyList<KpiWritten>> UpsertAsync(SyncSender sender, Guid storeId, DateOnly date, IReadOnlyList<KpiLine> lines, string source,
        CancellationToken cancellationToken)
    {
        // Sorted, so that concurrent batches lock entry rows in the same order.
        var sorted = lines.OrderBy(l => l.SellerId).ToArray();
        var tenantId = sender.TenantId;
        var now = clock.GetUtcNow().UtcDateTime;
        var day = date.ToDateTime(TimeOnly.MinValue);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var month = new DateTime(day.Year, day.Month, 1);
        batch.BatchCommands.Add(Command(KpiSql.LockMonth, tenantId, storeId, month, now));

        batch.BatchCommands.Add(Command(KpiSql.LockDay, tenantId, storeId, day, now));

        batch.BatchCommands.Add(Command(KpiSql.UpsertEntries,
            tenantId, storeId, day, source, now,
            sorted.Select(l => l.SellerId).ToArray(),
            sorted.Select(_ => Guid.CreateVersion7()).ToArray(),
            sorted.Select(l => l.CaJournalier).ToArray(),
            sorted.Select(l => l.NbVentes).ToArray(),
            sorted.Select(l => l.NbArticles).ToArray(),
            sorted.Select(l => l.Prospects).ToArray(),
            sorted.Select(l => (DateTime?)l.Timestamp?.UtcDateTime).ToArray()));

        batch.BatchCommands.Add(Command(KpiSql.DayTotals, tenantId, storeId, day));

        batch.BatchCommands.Add(Command(KpiSql.MonthTotals, tenantId, storeId, month, month.AddMonths(1)));

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
        // The batch's history and its kpi.synced event, in its transaction and one round trip: no history or event of a write
        // that rolled back, no write without them.
        var created = written.Count(w => w.Created);
        await using (var after = new NpgsqlBatch(connection, transaction))
        {
            after.BatchCommands.Add(SyncHistory.Accepted(sender, now, storeId, date, source, created, written.Count - created));
            after.BatchCommands.Add(outbox.Command(tenantId, EventTypes.KpiSynced,
                new KpiSyncedData(storeId, date, created, written.Count - created, source, sender.KeyId, sender.PersonId), now));
            await after.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] parameters) => new NpgsqlBatchCommand(sql).WithValues(parameters);
}
