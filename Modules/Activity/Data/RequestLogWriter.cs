using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Writes the buffered request records with binary <c>COPY</c>, up to 10,000 a batch, as soon as there are some (so a
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
            // A log line lost in a crash's last instant is acceptable; waiting for the disk on every batch is not (it is CPU
            // and I/O the requests share): the batch commits without waiting for its WAL flush.
            await using (var relaxed = new NpgsqlCommand("SET synchronous_commit = off", connection)) await relaxed.ExecuteNonQueryAsync();
            if (batch.Count > 0) await CopyAsync(connection, batch);
            if (unattributed > 0)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await using var count = new NpgsqlCommand("""
                    INSERT INTO activity.unattributed_refusals (hour, count) VALUES ($1, $2)
                    ON CONFLICT (hour) DO UPDATE SET count = activity.unattributed_refusals.count + excluded.count
                    """, connection);
                count.Parameters.Add(new NpgsqlParameter { Value = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc) });
                count.Parameters.Add(new NpgsqlParameter { Value = unattributed });
                await count.ExecuteNonQueryAsync();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            log.CountDropped(batch.Count);
            log.ReturnUnattributed(unattributed);
            logger.LogWarning("Request log: {Count} records dropped ({Total} since start): {Reason}", batch.Count, log.Dropped, ex.Message);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<RequestRecord> batch)
    {
        await using var import = await connection.BeginBinaryImportAsync("""
            COPY activity.requests (tenant_id, at, key_id, method, route, path_ids, status, duration_ms, detail, client, user_agent, request_id)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var r in batch)
        {
            await import.StartRowAsync();
            await import.WriteAsync(r.TenantId!.Value, NpgsqlDbType.Uuid);
            await import.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
            await import.WriteAsync(r.KeyId!.Value, NpgsqlDbType.Uuid);
            await import.WriteAsync(r.Method, NpgsqlDbType.Text);
            await import.WriteAsync(r.Route, NpgsqlDbType.Text);
            await import.WriteAsync(r.PathIds, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            await import.WriteAsync((short)r.Status, NpgsqlDbType.Smallint);
            await import.WriteAsync(r.DurationMs, NpgsqlDbType.Real);
            await WriteNullableAsync(import, r.Detail);
            await WriteNullableAsync(import, r.Client);
            await WriteNullableAsync(import, r.UserAgent);
            await import.WriteAsync(r.RequestId, NpgsqlDbType.Text);
        }
        await import.CompleteAsync();
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value) =>
        value is null ? import.WriteNullAsync() : import.WriteAsync(value, NpgsqlDbType.Text);
}
