using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using RetailPerformer.Shared.Operations;

namespace RetailPerformer.Host.Operations;

/// <summary>
/// <c>GET /metrics</c> in Prometheus' text format (0.0.4), from the .NET meters the host already has, through one
/// <see cref="MeterListener"/> (no exporter package restores here): ASP.NET Core's request durations by method, route
/// template and status (a histogram: the counts are its <c>_count</c>), Npgsql's pool (connections idle and used, the
/// maximum, requests waiting for one), and the product's own meter <see cref="ProductMeter.Name"/> (rate-limit refusals,
/// and the backlog of queued work the modules report). Only the tags listed here become labels: never a raw path (ids),
/// never a connection string.
/// </summary>
internal sealed class PrometheusMetrics : IDisposable
{
    /// <summary>What is kept of each instrument: its Prometheus name, help, and the tags that become labels (renamed).</summary>
    private sealed record Family(string Name, string Help, string Type, IReadOnlyDictionary<string, string> Labels)
    {
        /// <summary>The tags kept, in the order of their label names (at most three).</summary>
        public string[] Tags { get; } = Labels.OrderBy(l => l.Value, StringComparer.Ordinal).Select(l => l.Key).ToArray();
    }

    private static readonly Dictionary<(string Meter, string Instrument), Family> Families = new()
    {
        [("Microsoft.AspNetCore.Hosting", "http.server.request.duration")] = new("http_server_request_duration_seconds",
            "Duration of HTTP requests answered by the host.", "histogram",
            new Dictionary<string, string> { ["http.request.method"] = "method", ["http.route"] = "route", ["http.response.status_code"] = "status" }),
        [("Npgsql", "db.client.connection.count")] = new("db_client_connections", "Database connections of the pool, by state (idle, used).", "gauge",
            new Dictionary<string, string> { ["db.client.connection.state"] = "state" }),
        [("Npgsql", "db.client.connection.max")] = new("db_client_connections_max", "The most connections the pool may open.", "gauge",
            new Dictionary<string, string>()),
        [("Npgsql", "db.client.connection.npgsql.pending_requests")] = new("db_client_connection_pending_requests",
            "Requests waiting for a database connection.", "gauge", new Dictionary<string, string>()),
        [(ProductMeter.Name, ProductMeter.RateLimitRefusals)] = new("rp_rate_limit_refusals_total",
            "Integration requests refused with 429 because their key's rate budget was spent.", "counter", new Dictionary<string, string>()),
        [(ProductMeter.Name, ProductMeter.Backlog)] = new("rp_backlog",
            "Queued work not done yet, by queue: request-log records in memory, webhook deliveries and invitation emails due.", "gauge",
            new Dictionary<string, string> { ["queue"] = "queue" }),
        [(ProductMeter.Name, ProductMeter.RequestLogDropped)] = new("rp_request_log_dropped_total",
            "Integration requests the request log dropped since the host started: its buffer full, or the database refused their batch.", "counter",
            new Dictionary<string, string>()),
        // The runtime's own (the whole process's): what requests allocate and what collecting it costs, and contended locks —
        // the benchmark reads them per request (bench/run), since on two cores they decide much of a request's cost.
        [(RuntimeMeter, "dotnet.gc.collections")] = new("dotnet_gc_collections_total",
            "Garbage collections since the process started, by the generation collected (the process's, whatever host it serves).", "counter",
            new Dictionary<string, string> { ["gc.heap.generation"] = "generation" }),
        [(HostMeter, AllocatedBytes)] = new("dotnet_gc_heap_allocated_bytes_total",
            "Bytes the process allocated on the managed heap since it started.", "counter", new Dictionary<string, string>()),
        [(RuntimeMeter, "dotnet.gc.pause.time")] = new("dotnet_gc_pause_seconds_total",
            "Time the process's threads were paused by garbage collections since it started.", "counter", new Dictionary<string, string>()),
        [(RuntimeMeter, "dotnet.monitor.lock_contentions")] = new("dotnet_monitor_lock_contentions_total",
            "Times a thread of the process waited for a lock another held, since it started.", "counter", new Dictionary<string, string>()),
        // Code compiled while traffic runs is CPU the requests do not get: a path first taken (the request log's writer runs once a
        // second, and tiered compilation optimizes a method after 30 calls) keeps the compiler busy for a while.
        [(RuntimeMeter, "dotnet.jit.compilation.time")] = new("dotnet_jit_compilation_seconds_total",
            "Time the process's JIT compiler spent compiling methods since it started.", "counter", new Dictionary<string, string>()),
    };

    private const string RuntimeMeter = "System.Runtime";
    private const string HostMeter = "RetailPerformer.Host";
    private const string AllocatedBytes = "process.allocated_bytes";

    /// <summary>Prometheus' default buckets, in seconds.</summary>
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private sealed class Series(string labels)
    {
        public readonly string Labels = labels;
        public readonly long[] BucketCounts = new long[Buckets.Length];
        public long Count;
        public double Sum;
        public double Value;
    }

    private const string PoolTag = "db.client.connection.pool.name";

    private readonly MeterListener _listener = new();

    /// <summary>
    /// A series per family and tag values, found without allocating: every request passes here, and on the log's host what a
    /// request allocates decides how often the collector runs.
    /// </summary>
    private readonly ConcurrentDictionary<(Family Family, object? A, object? B, object? C), Series> _series = new();
    private readonly string? _pool;
    private readonly HashSet<Family> _observed = [];

    /// <summary>
    /// This host's measurements only, though the listener hears the whole process: the meters its own
    /// <see cref="IMeterFactory"/> made (ASP.NET Core's, the product's), and Npgsql's (process-wide) for its own pool.
    /// </summary>
    public PrometheusMetrics(IMeterFactory meters, Npgsql.NpgsqlDataSource dataSource)
    {
        _pool = RetailPerformer.Shared.Data.DatabaseSetup.PoolName(dataSource);
        // The runtime's own dotnet.gc.heap.total_allocated reads the cheap, imprecise total: in benchmark runs it stood
        // still for minutes while gigabytes were allocated and collections went on. The precise one costs a walk of the
        // threads' allocation contexts, once a scrape.
        meters.Create(HostMeter).CreateObservableCounter(AllocatedBytes, () => GC.GetTotalAllocatedBytes(precise: true), "By",
            "Bytes the process allocated on the managed heap since it started");
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!Families.TryGetValue((instrument.Meter.Name, instrument.Name), out var family)) return;
            if (instrument.Meter.Name is "Npgsql" or RuntimeMeter || instrument.Meter.Scope == meters)
            {
                // An observable instrument reports its whole value at each scrape: its series start from zero then.
                if (instrument.IsObservable) lock (_observed) _observed.Add(family);
                listener.EnableMeasurementEvents(instrument, family);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record((Family)state!, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record((Family)state!, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record((Family)state!, value, tags));
        _listener.Start();
    }

    private void Record(Family family, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        object? a = null, b = null, c = null;
        foreach (var (key, tag) in tags)
        {
            if (key == PoolTag && !Equals(tag, _pool)) return;   // another host's pool, in the same process
            var index = Array.IndexOf(family.Tags, key);
            if (index == 0) a = tag;
            else if (index == 1) b = tag;
            else if (index == 2) c = tag;
        }
        var series = _series.TryGetValue((family, a, b, c), out var found) ? found
            : _series.GetOrAdd((family, a, b, c), static key => new Series(Labels(key.Family, key.A, key.B, key.C)));
        lock (series)
        {
            if (family.Type == "histogram")
            {
                for (var bucket = 0; bucket < Buckets.Length; bucket++)
                    if (value <= Buckets[bucket]) { series.BucketCounts[bucket]++; break; }
                series.Count++;
                series.Sum += value;
            }
            // Measurements add up; an observable instrument's series is zeroed before each scrape's observations (several
            // pools' add up).
            else series.Value += value;
        }
    }

    private static string Labels(Family family, params object?[] values) => string.Join(",", family.Tags.Select((tag, i) =>
        $"{family.Labels[tag]}=\"{Escape(Convert.ToString(values[i], CultureInfo.InvariantCulture) ?? "")}\""));

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    /// <summary>Every family in the text format; the gauges are observed now.</summary>
    public string Scrape()
    {
        lock (_listener)
        {
            lock (_observed)
                foreach (var (key, series) in _series)
                    if (_observed.Contains(key.Family)) lock (series) series.Value = 0;
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in Families.Values.DistinctBy(f => f.Name))
            {
                text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help).Append('\n');
                text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
                foreach (var series in _series.Where(s => s.Key.Family == family).Select(s => s.Value).OrderBy(s => s.Labels, StringComparer.Ordinal))
                    lock (series) Write(text, family, series.Labels, series);
            }
            return text.ToString();
        }
    }

    private static void Write(StringBuilder text, Family family, string labels, Series series)
    {
        if (family.Type != "histogram")
        {
            text.Append(family.Name).Append(Braces(labels)).Append(' ').Append(Number(series.Value)).Append('\n');
            return;
        }
        long cumulative = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += series.BucketCounts[i];
            text.Append(family.Name).Append("_bucket").Append(Braces(Join(labels, $"le=\"{Number(Buckets[i])}\""))).Append(' ').Append(cumulative).Append('\n');
        }
        text.Append(family.Name).Append("_bucket").Append(Braces(Join(labels, "le=\"+Inf\""))).Append(' ').Append(series.Count).Append('\n');
        text.Append(family.Name).Append("_sum").Append(Braces(labels)).Append(' ').Append(Number(series.Sum)).Append('\n');
        text.Append(family.Name).Append("_count").Append(Braces(labels)).Append(' ').Append(series.Count).Append('\n');
    }

    private static string Join(string labels, string more) => labels.Length == 0 ? more : $"{labels},{more}";

    private static string Braces(string labels) => labels.Length == 0 ? "" : $"{{{labels}}}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _listener.Dispose();
}
