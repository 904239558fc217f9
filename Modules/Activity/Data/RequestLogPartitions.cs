using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Keeps one partition per day of the log's two tables (<c>request_blocks</c>, <c>request_counts</c>): yesterday to two
/// days ahead exist, days older than the retention are dropped whole (never a <c>DELETE</c> of the log itself). Every
/// hour, and at start; several hosts may do it at once (a transaction-scoped advisory lock lets one at a time).
/// </summary>
internal sealed class RequestLogPartitions(NpgsqlDataSource dataSource, RequestLogSettings settings, TimeProvider clock,
    ILogger<RequestLogPartitions> logger) : BackgroundService
{
    private const long LockKey = 0x52505f5245514c47; // "RP_REQLG"

    /// <summary>The partitioned tables and the column they are partitioned on, in the order the writer writes them (so that locking both never deadlocks with it).</summary>
    private static readonly (string Table, string Column)[] Tables = [("request_blocks", "first_at"), ("request_counts", "hour")];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MaintainAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Request log partitions not maintained this time: {Reason}", ex.Message);
            }
            try { await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Creates the days around today, drops those older than the retention; returns the dropped partitions' names.</summary>
    public async Task<IReadOnlyList<string>> MaintainAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var oldest = today.AddDays(-settings.RetentionDays);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync($"SELECT pg_advisory_xact_lock({LockKey})", transaction: transaction);
        var dropped = new List<string>();
        foreach (var (table, column) in Tables)
        {
            // Days whose rows went to the default partition (a clock far off, or the rows of migration 0002) get their
            // own partition too, so that retention reaches them.
            var strays = (await connection.QueryAsync<DateTime>(
                $"SELECT DISTINCT date_trunc('day', {column} AT TIME ZONE 'UTC') FROM activity.{table}_default", transaction: transaction)).ToList();
            // Moving rows out of the default partition is not safe under PostgreSQL's weaker lock for ATTACH: a query that
            // loaded the table's partitions before the attach, then waited for the default partition, runs after it without
            // the new partition and with the rows gone from the default one — they are missing from its answer. Strays are
            // rare, so for them the whole table is locked: such a query waits for the table instead, then sees the new partition.
            if (strays.Count > 0) await connection.ExecuteAsync($"LOCK TABLE activity.{table} IN ACCESS EXCLUSIVE MODE", transaction: transaction);
            var days = Enumerable.Range(-1, 4).Select(today.AddDays).Concat(strays.Select(DateOnly.FromDateTime)).Where(d => d >= oldest).Distinct();
            foreach (var day in days) await CreateAsync(connection, transaction, table, column, day);
            await connection.ExecuteAsync($"DELETE FROM activity.{table}_default WHERE {column} < @oldest",
                new { oldest = oldest.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) }, transaction);

            var partitions = await connection.QueryAsync<string>($"""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'activity.{table}'::regclass AND c.relname ~ '^{table}_d[0-9]+$'
                """, transaction: transaction);
            var old = partitions.Where(p => DateOnly.ParseExact(p[^8..], "yyyyMMdd") < oldest).ToList();
            foreach (var partition in old) await connection.ExecuteAsync($"DROP TABLE activity.{partition}", transaction: transaction);
            dropped.AddRange(old);
        }
        await transaction.CommitAsync(cancellationToken);
        return dropped;
    }

    /// <summary>
    /// A day's partition, built beside the table and attached: rows of that day waiting in the default partition move
    /// into it first (PostgreSQL refuses a partition whose rows the default partition already holds).
    /// </summary>
    private static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string column, DateOnly day)
    {
        var name = NameOf(table, day);
        if (await connection.ExecuteScalarAsync<bool>("SELECT to_regclass(@name) IS NOT NULL", new { name = $"activity.{name}" }, transaction)) return;
        var range = new { from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) };
        await connection.ExecuteAsync($"CREATE TABLE activity.{name} (LIKE activity.{table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)", transaction: transaction);
        await connection.ExecuteAsync($"""
            WITH moved AS (DELETE FROM activity.{table}_default WHERE {column} >= @from AND {column} < @to RETURNING *)
            INSERT INTO activity.{name} SELECT * FROM moved
            """, range, transaction);
        await connection.ExecuteAsync($"""
            ALTER TABLE activity.{table} ATTACH PARTITION activity.{name}
            FOR VALUES FROM ('{day:yyyy-MM-dd} 00:00:00+00') TO ('{day.AddDays(1):yyyy-MM-dd} 00:00:00+00')
            """, transaction: transaction);
    }

    public static string NameOf(string table, DateOnly day) => $"{table}_d{day:yyyyMMdd}";
}
