using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Keeps one partition of <c>activity.requests</c> per day: yesterday to two days ahead exist, days older than the
/// retention are dropped whole (never a <c>DELETE</c>). Every hour, and at start; several hosts may do it at once (a
/// transaction-scoped advisory lock lets one at a time).
/// </summary>
internal sealed class RequestLogPartitions(NpgsqlDataSource dataSource, RequestLogSettings settings, TimeProvider clock,
    ILogger<RequestLogPartitions> logger) : BackgroundService
{
    private const long LockKey = 0x52505f5245514c47; // "RP_REQLG"

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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync($"SELECT pg_advisory_xact_lock({LockKey})", transaction: transaction);
        for (var day = today.AddDays(-1); day <= today.AddDays(2); day = day.AddDays(1))
            await connection.ExecuteAsync($"""
                CREATE TABLE IF NOT EXISTS activity.{NameOf(day)} PARTITION OF activity.requests
                FOR VALUES FROM ('{day:yyyy-MM-dd}') TO ('{day.AddDays(1):yyyy-MM-dd}')
                """, transaction: transaction);
        var oldest = today.AddDays(-settings.RetentionDays);
        var partitions = await connection.QueryAsync<string>("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'activity.requests'::regclass AND c.relname ~ '^requests_d[0-9]{8}$'
            """, transaction: transaction);
        var dropped = partitions.Where(p => DateOnly.ParseExact(p["requests_d".Length..], "yyyyMMdd") < oldest).ToList();
        foreach (var partition in dropped) await connection.ExecuteAsync($"DROP TABLE activity.{partition}", transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
        return dropped;
    }

    public static string NameOf(DateOnly day) => $"requests_d{day:yyyyMMdd}";
}
