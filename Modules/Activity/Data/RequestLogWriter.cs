using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Buffers;
using System.Text.Json;
using NpgsqlTypes;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Writes the buffered request records with binary <c>COPY</c> (as blocks, see <see cref="CopyAsync"/>), up to 10,000 a batch, gathered for half a second (so a
/// record is in the database within about a second), off every request's path. A failed batch (the database down) is
/// counted as dropped and logged; writing resumes with the next one.
/// </summary>
internal sealed class RequestLogWriter(RequestLog log, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<RequestLogWriter> logger) : BackgroundService
{
    private const int BatchSize = 10_000;
    private string? _compression;

    /// <summary>How long records gather before they are written: half a second, so that a busy host writes a few large batches
    /// a second — one transaction per handful of requests cost PostgreSQL more than the rows themselves.</summary>
    private static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RequestRecord>(BatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A second without any record ends the wait too: the unknown keys' refusals are counted apart and written here.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(TimeSpan.FromSeconds(1));
                await log.Records.WaitToReadAsync(wait.Token);
                await Task.Delay(Gathering, stoppingToken);
            }
            catch (OperationCanceledException) { /* a quiet second, or stopping: write what is there below */ }
            // Everything gathered, in batches of at most BatchSize.
            bool full;
            do
            {
                while (batch.Count < BatchSize && log.Records.TryRead(out var record)) batch.Add(record);
                await WriteAsync(batch);
                full = batch.Count == BatchSize;
                batch.Clear();
            } while (full);
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
            if (_compression is null)
            {
                // lz4 compresses the blocks several times faster than PostgreSQL's own pglz; not every build of the server has it.
                await using var has = new NpgsqlCommand("SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'", connection, transaction);
                _compression = (bool?)await has.ExecuteScalarAsync() == true ? "lz4" : "pglz";
            }
            // A log line lost in a crash's last instant is acceptable; waiting for the disk on every batch is not (it is CPU
            // and I/O the requests share): the batch commits without waiting for its WAL flush.
            await using (var settings = new NpgsqlCommand(
                             $"SET LOCAL synchronous_commit = off; SET LOCAL default_toast_compression = {_compression}", connection, transaction))
                await settings.ExecuteNonQueryAsync();
            if (batch.Count > 0) await CopyAsync(connection, transaction, batch);
            if (unattributed > 0)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await using var count = new NpgsqlCommand("""
                    INSERT INTO activity.unattributed_refusals (hour, count) VALUES ($1, $2)
                    ON CONFLICT (hour) DO UPDATE SET count = activity.unattributed_refusals.count + excluded.count
                    """, connection, transaction).WithValues(new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc), unattributed);
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
    /// The batch as blocks — one row per tenant, key and UTC day, its requests one JSON value in the order they were
    /// answered (see migration 0002) — and as counts per key, hour, route and status, in the batch's transaction (the
    /// chart and the list agree).
    /// </summary>
    private async Task CopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<RequestRecord> batch)
    {
        await using (var import = await connection.BeginBinaryImportAsync("""
            COPY activity.request_blocks (tenant_id, key_id, first_at, last_at, requests, errors, pair_routes, pair_statuses, pair_counts, entries)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var block in batch.GroupBy(r => (Tenant: r.TenantId!.Value, Key: r.KeyId!.Value, Day: r.At.Date)))
            {
                var rows = block.ToList();
                var first = rows.Min(r => r.At);
                await import.StartRowAsync();
                import.Write(block.Key.Tenant, NpgsqlDbType.Uuid);
                import.Write(block.Key.Key, NpgsqlDbType.Uuid);
                import.Write(first, NpgsqlDbType.TimestampTz);
                import.Write(rows.Max(r => r.At), NpgsqlDbType.TimestampTz);
                import.Write(rows.Count, NpgsqlDbType.Integer);
                import.Write(rows.Count(r => r.Status >= 400), NpgsqlDbType.Integer);
                var pairs = rows.CountBy(r => (r.Route, Status: (short)r.Status)).ToArray();
                import.Write(pairs.Select(p => p.Key.Route).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(pairs.Select(p => p.Key.Status).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                import.Write(pairs.Select(p => p.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                import.Write(Entries(rows, first), NpgsqlDbType.Bytea);
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

    private readonly ArrayBufferWriter<byte> _entries = new(1 << 20);
    private Utf8JsonWriter? _json;

    /// <summary>A block's requests as UTF-8 JSON: [[µs after the first, method, route, path ids, status, ms, detail, client, agent, request id], …].</summary>
    private ReadOnlyMemory<byte> Entries(List<RequestRecord> rows, DateTime first)
    {
        _entries.ResetWrittenCount();
        var json = _json ??= new Utf8JsonWriter(_entries, new JsonWriterOptions { SkipValidation = true });
        json.Reset(_entries);
        json.WriteStartArray();
        foreach (var r in rows)
        {
            json.WriteStartArray();
            json.WriteNumberValue((r.At - first).Ticks / 10);
            json.WriteStringValue(r.Method);
            json.WriteStringValue(r.Route);
            json.WriteStringValue(r.PathIds);
            json.WriteNumberValue(r.Status);
            json.WriteNumberValue(MathF.Round(r.DurationMs, 3));
            json.WriteStringValue(r.Detail);
            json.WriteStringValue(r.Client);
            json.WriteStringValue(r.UserAgent);
            json.WriteStringValue(r.RequestId.ToString());
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.Flush();
        return _entries.WrittenMemory;
    }
}
