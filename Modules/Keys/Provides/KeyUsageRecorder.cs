using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Keys.Provides;

/// <summary>
/// Records <c>last_used_at</c> for the gérant's monitoring, at most once a minute per key and off the
/// request's path: authentication only drops a note in a channel; this service writes them in batches.
/// </summary>
internal sealed class KeyUsageRecorder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<KeyUsageRecorder> logger)
    : BackgroundService
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastRecorded = new();
    private readonly Channel<(Guid TenantId, Guid KeyId, DateTimeOffset UsedAt)> _pending =
        Channel.CreateBounded<(Guid, Guid, DateTimeOffset)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Touch(Guid tenantId, Guid keyId)
    {
        var now = clock.GetUtcNow();
        if (_lastRecorded.TryGetValue(keyId, out var last) && now - last < Resolution) return;
        _lastRecorded[keyId] = now;
        _pending.Writer.TryWrite((tenantId, keyId, now));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Guid TenantId, Guid KeyId, DateTimeOffset UsedAt)>();
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < 500 && _pending.Reader.TryRead(out var item)) batch.Add(item);
                try
                {
                    await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                    await connection.ExecuteAsync("""
                        UPDATE keys.api_keys k SET last_used_at = GREATEST(k.last_used_at, u.used_at)
                        FROM unnest(@tenants, @keys, @times) AS u(tenant_id, key_id, used_at)
                        WHERE k.tenant_id = u.tenant_id AND k.id = u.key_id
                        """,
                        new
                        {
                            tenants = batch.Select(b => b.TenantId).ToArray(),
                            keys = batch.Select(b => b.KeyId).ToArray(),
                            times = batch.Select(b => b.UsedAt.UtcDateTime).ToArray(),
                        });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Monitoring data only: losing one batch must never hurt a request.
                    logger.LogWarning(ex, "Could not record API key usage for {Count} keys", batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
