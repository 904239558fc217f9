using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Keys.Provides;

/// <summary>
/// Writes <c>api_key.expiring</c> for every active key that expires within seven days (once), and again on its expiry's
/// UTC day (once more), every <c>Keys:ExpiryCheckSeconds</c> (300). The keys are marked in the events' transaction and
/// claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several hosts running it write each event once.
/// </summary>
internal sealed class KeyExpiryNotices(NpgsqlDataSource dataSource, IEventOutbox outbox, IConfiguration configuration, ILogger<KeyExpiryNotices> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Keys:ExpiryCheckSeconds", 300.0)));
        do
        {
            try
            {
                await NotifyAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Could not look for expiring API keys: {Reason}", ex.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var expiring = await connection.QueryAsync<(Guid TenantId, Guid Id, string Name, DateTime ExpiresAt)>("""
            WITH due AS (
                SELECT id, expires_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day' AS today
                FROM keys.api_keys
                WHERE active AND expires_at > now() AND expires_at <= now() + interval '7 days'
                  AND (expiring_week_notice_at IS NULL
                       OR (expiring_day_notice_at IS NULL AND expires_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day'))
                FOR UPDATE SKIP LOCKED
            )
            UPDATE keys.api_keys k SET
                expiring_week_notice_at = coalesce(k.expiring_week_notice_at, now()),
                -- A key first seen on its last day gets one event, not two.
                expiring_day_notice_at = CASE WHEN due.today THEN now() ELSE k.expiring_day_notice_at END
            FROM due WHERE k.id = due.id
            RETURNING k.tenant_id, k.id, k.name, k.expires_at
            """, transaction: transaction);
        var shared = new SharedTransaction(connection, transaction);
        foreach (var key in expiring)
            await outbox.AddAsync(shared, key.TenantId, EventTypes.ApiKeyExpiring, new ApiKeyEventData(key.Id, key.Name, key.ExpiresAt, null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
