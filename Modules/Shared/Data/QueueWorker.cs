using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RetailPerformer.Shared.Operations;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// The loop of a queue every host works at once (webhook deliveries, invitation emails): claim a batch (the subclass's
/// <c>FOR UPDATE SKIP LOCKED</c> and lease), work it, and claim again at once while there was work, else wait one poll. A
/// failure never stops the host: what was claimed comes due again when its lease ends, here or on another host. The
/// backlog <c>/metrics</c> shows — due work no host has claimed — is zero after a partial claim (nothing is left waiting)
/// and counted after a full one, at most every <see cref="CountEvery"/>.
/// </summary>
public abstract class QueueWorker<TClaimed>(ProductMeter meter, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected const int ClaimSize = 20;

    private long _due;
    private long _countedAt;

    /// <summary>
    /// How often, at most, the backlog is counted while claims come back full: a count of a long queue is not free, and
    /// during a night's sync the queue stays long (counting after every claim cost the benchmark's syncs about a tenth).
    /// </summary>
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(5);

    /// <summary>The host's clock and the worker's log, for the subclass too (captured once, here).</summary>
    protected TimeProvider Clock { get; } = clock;
    protected ILogger Logger { get; } = logger;

    /// <summary>The queue's name in <c>rp_backlog{queue=…}</c>.</summary>
    protected abstract string Queue { get; }

    protected abstract TimeSpan Poll { get; }

    /// <summary>Up to <see cref="ClaimSize"/> due items, leased to this host.</summary>
    protected abstract Task<List<TClaimed>> ClaimAsync(CancellationToken cancellationToken);

    protected abstract Task WorkAsync(TClaimed claimed, CancellationToken stoppingToken);

    /// <summary>Due items not claimed (an indexed count).</summary>
    protected abstract Task<long> CountDueAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        meter.ReportBacklog(Queue, () => Interlocked.Read(ref _due));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ClaimAsync(stoppingToken);
                if (claimed.Count < ClaimSize) Interlocked.Exchange(ref _due, 0);
                else if (Clock.GetElapsedTime(_countedAt) >= CountEvery)
                {
                    Interlocked.Exchange(ref _due, await CountDueAsync(stoppingToken));
                    _countedAt = Clock.GetTimestamp();
                }
                if (claimed.Count > 0)
                {
                    await Task.WhenAll(claimed.Select(item => WorkAsync(item, stoppingToken)));
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever it is (the database gone, a bug), it never takes the host down.
                Logger.LogWarning(ex, "{Queue}: work paused: {Reason}", Queue, ex.Message);
            }
            try { await Task.Delay(Poll, Clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
