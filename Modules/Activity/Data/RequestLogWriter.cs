using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Writes the buffered request records with binary <c>COPY</c> (as blocks, see <see cref="CopyAsync"/>), up to 10,000 a batch, as soon as there are some (so a
/// record is in the database within about a second), off every request's path. A failed batch (the database down) is
/// counted as dropped and logged; writing resumes with the next one.
/// </summary>
internal sealed class RequestLogWriter(RequestLog log, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<RequestLogWriter> logger) : BackgroundService
{
    private const int BatchSize = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RequestRecord>(BatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(TimeSpan.FromSeconds(1));
                await log.Records.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { /* a second without records */ }
            catch (OperationCanceledException) { /* stopping: write what is left below */ }
            while (batch.Count < BatchSize && log.Records.TryRead(out var record)) batch.Add(record);
            await WriteAsync(batch);
            batch.Clear();
            if (stoppingToken.IsCancellationRequested && !log.Records.TryPeek(out _)) break;
        }
    }

    private async Task WriteAsync(List<RequestRecord> batch)
    {
        var unattributed = log.TakeUnattributed();
        if (batch.Count == 0 && unattributed == 0) return;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            // A log line lost in a crash's last instant is acceptable; waiting for the disk on every batch is not (it is CPU
            // and I/O the requests share): the batch commits without waiting for its WAL flush.
            await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction)) await relaxed.ExecuteNonQueryAsync();
            if (batch.Count > 0) await CopyAsync(connection, transaction, batch);
            if (unattributed > 0)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await using var count = new NpgsqlCommand("""
                    INSERT INTO activity.unattributed_refusals (hour, count) VALUES ($1, $2)
                    ON CONFLICT (hour) DO UPDATE SET count = activity.unattributed_refusals.count + excluded.count
                    """, connection, transaction);
                count.Parameters.Add(new NpgsqlParameter { Value = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc) });
                count.Parameters.Add(new NpgsqlParameter { Value = unattributed });
                await count.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            log.CountDropped(batch.Count);
            log.ReturnUnattributed(unattributed);
            logger.LogWarning("Request log: {Count} records dropped ({Total} since start): {Reason}", batch.Count, log.Dropped, ex.Message);
        }
    }

    /// <summary>
    /// The batch as blocks — one row per tenant, key and UTC day, its columns arrays in the order the requests were
    /// answered — and as counts per key, hour, route and status, in the batch's transaction (the chart and the list agree).
    /// </summary>
    private static async Task CopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<RequestRecord> batch)
    {
        await using (var import = await connection.BeginBinaryImportAsync("""
            COPY activity.request_blocks (tenant_id, key_id, first_at, last_at, requests, errors, statuses, routes,
                                          at, method, route, path_ids, status, duration_ms, detail, client, user_agent, request_id)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var block in batch.GroupBy(r => (Tenant: r.TenantId!.Value, Key: r.KeyId!.Value, Day: r.At.Date)))
            {
                var rows = block.ToArray();
                await import.StartRowAsync();
                import.Write(block.Key.Tenant, NpgsqlDbType.Uuid);
                import.Write(block.Key.Key, NpgsqlDbType.Uuid);
                import.Write(rows.Min(r => r.At), NpgsqlDbType.TimestampTz);
                import.Write(rows.Max(r => r.At), NpgsqlDbType.TimestampTz);
                import.Write(rows.Length, NpgsqlDbType.Integer);
                import.Write(rows.Count(r => r.Status >= 400), NpgsqlDbType.Integer);
                import.Write(rows.Select(r => (short)r.Status).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                import.Write(rows.Select(r => r.Route).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(rows.Select(r => r.At).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
                import.Write(rows.Select(r => r.Method).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(rows.Select(r => r.Route).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(rows.Select(r => r.PathIds).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(rows.Select(r => (short)r.Status).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                import.Write(rows.Select(r => r.DurationMs).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Real);
                import.Write(rows.Select(r => r.Detail).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(rows.Select(r => r.Client).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(rows.Select(r => r.UserAgent).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(rows.Select(r => r.RequestId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            }
            await import.CompleteAsync();
        }
        var counts = batch.GroupBy(r => (Tenant: r.TenantId!.Value, Key: r.KeyId!.Value, Hour: r.At.Date.AddHours(r.At.Hour), r.Route, Status: (short)r.Status))
            .Select(g => (g.Key, Count: (long)g.Count()))
            // In one order on every host, so that two hosts adding to the same rows never deadlock.
            .OrderBy(c => c.Key.Key).ThenBy(c => c.Key.Hour).ThenBy(c => c.Key.Route, StringComparer.Ordinal).ThenBy(c => c.Key.Status).ToArray();
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO activity.request_counts (tenant_id, key_id, hour, route, status, count)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::smallint[], $6::bigint[])
            ON CONFLICT (key_id, hour, route, status) DO UPDATE SET count = activity.request_counts.count + excluded.count
            """, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Key.Tenant).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Key.Key).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => DateTime.SpecifyKind(c.Key.Hour, DateTimeKind.Utc)).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Key.Route).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Key.Status).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Count).ToArray() });
        await upsert.ExecuteNonQueryAsync();
    }
}
