using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RetailPerformer.Shared.Operations;

/// <summary>
/// The product's own measurements, on a meter of this host (<see cref="IMeterFactory"/>: several hosts in one process — the
/// tests' — each count their own): integration requests refused for their key's rate budget, the backlog of queued
/// work each module reports (<see cref="ReportBacklog"/>) and the request log's dropped records. <c>/metrics</c> publishes them.
/// </summary>
public sealed class ProductMeter
{
    public const string Name = "RetailPerformer";
    public const string RateLimitRefusals = "rp.rate_limit.refusals";
    public const string Backlog = "rp.backlog";
    public const string RequestLogDropped = "rp.request_log.dropped";

    private readonly ConcurrentDictionary<string, Func<long>> _backlogs = new();
    private readonly Counter<long> _refusedForRate;
    private Func<long> _requestLogDropped = () => 0;

    public ProductMeter(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _refusedForRate = meter.CreateCounter<long>(RateLimitRefusals, description: "Integration requests refused for their key's rate budget");
        meter.CreateObservableGauge(Backlog, () => _backlogs.Select(b => new Measurement<long>(b.Value(), new KeyValuePair<string, object?>("queue", b.Key))),
            description: "Queued work not done yet, by queue");
        meter.CreateObservableCounter(RequestLogDropped, () => _requestLogDropped(), description: "Request-log records dropped: buffer full, or the database refused their batch");
    }

    public void RefusedForRate() => _refusedForRate.Add(1);

    /// <summary>A queue's length, read when the metrics are scraped (cheap: a count kept in memory, never a query).</summary>
    public void ReportBacklog(string queue, Func<long> length) => _backlogs[queue] = length;

    /// <summary>The request log's dropped records since the host started (read when the metrics are scraped).</summary>
    public void ReportRequestLogDropped(Func<long> dropped) => _requestLogDropped = dropped;
}
