using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Keys.Provides;

/// <summary>Deletes idempotency records past their 24 hours, every hour; several hosts may run it at once.</summary>
internal sealed class IdempotencyRecordsSweeper(IdempotencyRecords records, ILogger<IdempotencyRecordsSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await records.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not sweep the idempotency records");
            }
        }
    }
}
