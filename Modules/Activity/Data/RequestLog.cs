using System.Collections.Concurrent;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// The buffer between requests and the database: a request only ever adds its record here (no I/O, no wait, no lock); the
/// writer empties it in batches. When it is full (the database slow or gone), records are dropped and counted — a
/// request never waits for, nor fails because of, its log.
/// </summary>
/// <remarks>
/// A <see cref="ConcurrentQueue{T}"/> (one compare-and-swap per record) and a counter that bounds it, rather than a bounded
/// <c>Channel</c>: the channel takes a lock on every write, and with every request of a busy host writing, that lock was
/// 3 % of <c>/me</c>'s CPU plus as much again spent contending for it (`bench/run --only me,me-log-off --trace me`).
/// </remarks>
internal sealed class RequestLog(RequestLogSettings settings)
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private long _buffered, _dropped, _unattributed;

    /// <summary>Records waiting to be written (the backlog <c>/metrics</c> shows).</summary>
    public long Buffered => Volatile.Read(ref _buffered);

    /// <summary>Records dropped since start (buffer full, or a batch the database refused).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(RequestRecord record)
    {
        if (record.TenantId is null)
        {
            Interlocked.Increment(ref _unattributed);
            return;
        }
        // A place is reserved before the record is queued, so the queue never holds more than the buffer's size.
        if (Interlocked.Increment(ref _buffered) > settings.BufferSize)
        {
            Interlocked.Decrement(ref _buffered);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _records.Enqueue(record);
    }

    /// <summary>The oldest record waiting (the writer's only way in: there is one writer per host).</summary>
    public bool TryTake(out RequestRecord record)
    {
        if (!_records.TryDequeue(out record)) return false;
        Interlocked.Decrement(ref _buffered);
        return true;
    }

    public bool IsEmpty => _records.IsEmpty;

    public void CountDropped(int count) => Interlocked.Add(ref _dropped, count);

    /// <summary>The refusals of unresolved keys counted since the last call (the writer adds them to the hour's total).</summary>
    public long TakeUnattributed() => Interlocked.Exchange(ref _unattributed, 0);

    public void ReturnUnattributed(long count) => Interlocked.Add(ref _unattributed, count);
}
