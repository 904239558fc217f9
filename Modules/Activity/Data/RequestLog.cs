using System.Threading.Channels;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// The buffer between requests and the database: a request only ever adds its record here (no I/O, no wait); the
/// writer empties it in batches. When it is full (the database slow or gone), records are dropped and counted — a
/// request never waits for, nor fails because of, its log.
/// </summary>
internal sealed class RequestLog(RequestLogSettings settings)
{
    private readonly Channel<RequestRecord> _records = Channel.CreateBounded<RequestRecord>(
        new BoundedChannelOptions(settings.BufferSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private long _dropped, _unattributed;

    public ChannelReader<RequestRecord> Records => _records.Reader;

    /// <summary>Records waiting to be written (the backlog <c>/metrics</c> shows).</summary>
    public long Buffered => _records.Reader.Count;

    /// <summary>Records dropped since start (buffer full, or a batch the database refused).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(RequestRecord record)
    {
        if (record.TenantId is null) Interlocked.Increment(ref _unattributed);
        else if (!_records.Writer.TryWrite(record)) Interlocked.Increment(ref _dropped);
    }

    public void CountDropped(int count) => Interlocked.Add(ref _dropped, count);

    /// <summary>The refusals of unresolved keys counted since the last call (the writer adds them to the hour's total).</summary>
    public long TakeUnattributed() => Interlocked.Exchange(ref _unattributed, 0);

    public void ReturnUnattributed(long count) => Interlocked.Add(ref _unattributed, count);
}
