using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Keys.Provides;

/// <summary>
/// Keeps every host's key cache coherent: a revocation (deactivate, regenerate) sends
/// <c>NOTIFY rp_api_key_revoked, '&lt;hash&gt;'</c> in its own transaction, delivered on commit to every host
/// listening on the database, each of which evicts that key. LISTEN needs a session of its own: the direct connection
/// (<see cref="RetailPerformer.Shared.Data.DirectDatabase"/>), never one through PgBouncer in transaction mode.
/// </summary>
internal sealed class KeyRevocationListener(RetailPerformer.Shared.Data.DirectDatabase dataSource, ApiKeyCache cache, ILogger<KeyRevocationListener> logger)
    : BackgroundService
{
    public const string Channel = "rp_api_key_revoked";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (KeyHash.TryParseHex(notification.Payload, out var hash)) cache.Evict(hash);
                    else logger.LogWarning("Ignored a key revocation notice that is not a key hash");
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Whatever was revoked while we were not listening is unknown to us.
                cache.Clear();
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Lost the key revocation channel; retrying in {Delay}", RetryDelay);
                cache.Clear();
                try { await Task.Delay(RetryDelay, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
