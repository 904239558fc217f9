using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Runtime.InteropServices;
using NpgsqlTypes;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Writes the buffered request records with binary <c>COPY</c> (as blocks, see <see cref="CopyAsync"/>), up to 10,000 a batch, written every second (so a
/// record is in the database within about a second), off every request's path. A failed batch (the database down) is
/// counted as dropped and logged; writing resumes with the next one.
/// </summary>
internal sealed class RequestLogWriter(
    RequestLog log, NpgsqlDataSource dataSource, RetailPerformer.Shared.Operations.ProductMeter meter, TimeProvider clock, ILogger<RequestLogWriter> logger)
    : BackgroundService
{
    private const int BatchSize = CompactEntries.MaxRequests;   // a block is at most a batch
    private string? _compression;

    /// <summary>How long records gather before they are written: a second, so that a busy host writes one large batch a
    /// second — each batch costs a transaction, a COPY and the hour counts' upsert, whatever its size (written every
    /// 100 ms, R_auth fell to 0.74; every 500 ms, 0.85; every second, 0.89 with the log off at 0.88 in the same run).</summary>
    private static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// How many records the writer gathers or encodes before it lets the thread pool run other work. A batch's 10,000
    /// records done in one go held a pool thread for milliseconds on end several times a second, and on two cores that
    /// cost the requests far more than the work itself: R_auth with the log on was 0.79–0.83 against 0.92–0.94 off in
    /// the same runs; yielding every 1,024 records, 0.91 against 0.92, 0.85 against 0.84 twice (`bench/run --only me,me-log-off
    /// --reps 5 --duration 10`).
    /// </summary>
    private const int RecordsBetweenYields = 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        meter.ReportBacklog("request_log", () => log.Buffered);
        meter.ReportRequestLogDropped(() => log.Dropped);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Every second, records or not: the unknown keys' refusals are counted apart and written here too.
                await Task.Delay(Gathering, stoppingToken);
            }
            catch (OperationCanceledException) { /* stopping: write what is there below */ }
            // Everything gathered, in batches of at most BatchSize.
            int count;
            do
            {
                count = 0;
                while (count < BatchSize && log.TryTake(out _batch[count])) count++;
                await WriteAsync(count);
                Array.Clear(_batch, 0, count);
            } while (count == BatchSize);
            ReportOverflow();
            if (stoppingToken.IsCancellationRequested && log.IsEmpty) break;
        }
    }

    private long _overflowReported;

    /// <summary>Records dropped for a full buffer are logged once a second at most, as many as they are.</summary>
    private void ReportOverflow()
    {
        var overflowed = log.Overflowed;
        if (overflowed == _overflowReported) return;
        logger.LogWarning("Request log: {Count} records dropped, its buffer full ({Total} since start)", overflowed - _overflowReported, log.Dropped);
        _overflowReported = overflowed;
    }

    private async Task WriteAsync(int count)
    {
        var unattributed = log.TakeUnattributed();
        if (count == 0 && unattributed == 0) return;
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
            if (count > 0) await CopyAsync(connection, transaction, count);
            if (unattributed > 0)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await using var refusals = new NpgsqlCommand("""
                    INSERT INTO activity.unattributed_refusals (hour, count) VALUES ($1, $2)
                    ON CONFLICT (hour) DO UPDATE SET count = activity.unattributed_refusals.count + excluded.count
                    """, connection, transaction).WithValues(new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc), unattributed);
                await refusals.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            log.CountDropped(count);
            log.ReturnUnattributed(unattributed);
            logger.LogWarning("Request log: {Count} records dropped ({Total} since start): {Reason}", count, log.Dropped, ex.Message);
        }
    }

    /// <summary>
    /// The batch as blocks — one row per tenant, key and UTC day, its requests in the compact form of <see cref="CompactEntries"/>, in the order they were
    /// answered (see migration 0002) — and as counts per key, hour, route and status, in the batch's transaction (the
    /// chart and the list agree). Everything it gathers into is kept from one batch to the next: at 50,000 requests a
    /// second, a batch's groupings made anew were megabytes of large-object garbage twice a second, and the full
    /// collections they brought about cost every request more than the log itself.
    /// </summary>
    private async Task CopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Gather(i);
            if (i % RecordsBetweenYields == RecordsBetweenYields - 1) await Task.Yield();
        }
        try
        {
            await CopyGatheredAsync(connection, transaction);
        }
        finally
        {
            // Written or not (the database may be gone), the next batch gathers from nothing.
            foreach (var block in _blocks.Values) _spareBlocks.Push(block.Cleared());
            _blocks.Clear();
            _hourCounts.Clear();
        }
    }

    private async Task CopyGatheredAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using (var import = await connection.BeginBinaryImportAsync("""
            COPY activity.request_blocks (tenant_id, key_id, first_at, last_at, requests, errors, pair_routes, pair_statuses, pair_counts, entries)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var block in _blocks.Values)
            {
                await import.StartRowAsync();
                import.Write(block.Tenant, NpgsqlDbType.Uuid);
                import.Write(block.Key, NpgsqlDbType.Uuid);
                import.Write(block.First, NpgsqlDbType.TimestampTz);
                import.Write(block.Last, NpgsqlDbType.TimestampTz);
                import.Write(block.Rows.Count, NpgsqlDbType.Integer);
                import.Write(block.Errors, NpgsqlDbType.Integer);
                var routes = new string[block.Pairs.Count];
                var statuses = new short[routes.Length];
                var pairCounts = new int[routes.Length];
                var p = 0;
                foreach (var ((route, status), n) in block.Pairs) (routes[p], statuses[p], pairCounts[p++]) = (route, status, n);
                import.Write(routes, NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(statuses, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                import.Write(pairCounts, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                import.Write(await EntriesAsync(block), NpgsqlDbType.Bytea);
            }
            await import.CompleteAsync();
        }
        // In one order on every host, so that two hosts adding to the same rows never deadlock.
        var hours = _hourCounts.OrderBy(c => c.Key.Key).ThenBy(c => c.Key.Hour).ThenBy(c => c.Key.Route, StringComparer.Ordinal).ThenBy(c => c.Key.Status).ToArray();
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO activity.request_counts (tenant_id, key_id, hour, route, status, count)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::smallint[], $6::bigint[])
            ON CONFLICT (key_id, hour, route, status) DO UPDATE SET count = activity.request_counts.count + excluded.count
            """, connection, transaction).WithValues(
            hours.Select(c => c.Key.Tenant).ToArray(), hours.Select(c => c.Key.Key).ToArray(), hours.Select(c => c.Key.Hour).ToArray(),
            hours.Select(c => c.Key.Route).ToArray(), hours.Select(c => c.Key.Status).ToArray(), hours.Select(c => c.Value).ToArray());
        await upsert.ExecuteNonQueryAsync();
    }

    private readonly RequestRecord[] _batch = new RequestRecord[BatchSize];
    private readonly Dictionary<(Guid Tenant, Guid Key, DateTime Day), Block> _blocks = [];
    private readonly Stack<Block> _spareBlocks = new();
    private readonly Dictionary<(Guid Tenant, Guid Key, DateTime Hour, string Route, short Status), long> _hourCounts = [];

    /// <summary>Adds the batch's record <paramref name="index"/> to its block and to its hour's count.</summary>
    private void Gather(int index)
    {
        ref readonly var r = ref _batch[index];
        var day = r.At.Date;
        if (!_blocks.TryGetValue((r.TenantId!.Value, r.KeyId!.Value, day), out var block))
        {
            block = _spareBlocks.Count > 0 ? _spareBlocks.Pop() : new Block();
            (block.Tenant, block.Key, block.First, block.Last) = (r.TenantId.Value, r.KeyId.Value, r.At, r.At);
            _blocks.Add((block.Tenant, block.Key, day), block);
        }
        block.Rows.Add(index);
        if (r.At < block.First) block.First = r.At;
        if (r.At > block.Last) block.Last = r.At;
        if (r.Status >= 400) block.Errors++;
        CollectionsMarshal.GetValueRefOrAddDefault(block.Pairs, (r.Route, (short)r.Status), out _)++;
        var hour = DateTime.SpecifyKind(day.AddHours(r.At.Hour), DateTimeKind.Utc);
        CollectionsMarshal.GetValueRefOrAddDefault(_hourCounts, (block.Tenant, block.Key, hour, r.Route, (short)r.Status), out _)++;
    }

    /// <summary>One block being gathered: its records are the batch's, by index, in the order they were answered.</summary>
    private sealed class Block
    {
        public Guid Tenant, Key;
        public DateTime First, Last;
        public int Errors;
        public readonly List<int> Rows = [];
        public readonly Dictionary<(string Route, short Status), int> Pairs = [];

        public Block Cleared()
        {
            Rows.Clear();
            Pairs.Clear();
            Errors = 0;
            return this;
        }
    }

    private readonly CompactEntries _entries = new();

    /// <summary>A block's requests in the compact form (see <see cref="CompactEntries"/>).</summary>
    private async Task<ReadOnlyMemory<byte>> EntriesAsync(Block block)
    {
        _entries.Clear();
        for (var i = 0; i < block.Rows.Count; i++)
        {
            _entries.Add(in _batch[block.Rows[i]], block.First);
            if (i % RecordsBetweenYields == RecordsBetweenYields - 1) await Task.Yield();
        }
        return _entries.Finish();
    }
}
