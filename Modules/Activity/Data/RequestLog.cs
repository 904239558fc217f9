namespace RetailPerformer.Activity.Data;

/// <summary>
/// The buffer between requests and the database: a request only ever adds its record here (no I/O, no wait, no lock, no
/// allocation); the writer empties it in batches. When it is full (the database slow or gone), records are dropped and
/// counted — a request never waits for, nor fails because of, its log.
/// </summary>
/// <remarks>
/// <para>A ring of <c>RequestLog:BufferSize</c> slots allocated once, each with a sequence number (the bounded queue of
/// Dmitry Vyukov): a request claims the next slot with one compare-and-swap, copies its record in and publishes it by
/// setting the slot's sequence; the one writer takes published slots in order and hands each back for the next lap.</para>
/// <para>Why not <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/> (used before): it grows by segments
/// twice as long as the last, up to a million slots, and allocates a new one whenever the last is full: with a record of
/// ~150 bytes, a busy host allocated (and zeroed, on some request's thread) a ~150 MB array every million requests. Nor a bounded <c>Channel</c>: it takes a lock on every write, and that lock was 3 % of
/// <c>/me</c>'s CPU plus as much again spent contending for it (`bench/run --only me,me-log-off --trace me`).</para>
/// </remarks>
internal sealed class RequestLog
{
    private struct Slot
    {
        /// <summary>Equal to its position when free for a producer; position + 1 once its record is published.</summary>
        public long Sequence;
        public RequestRecord Record;
    }

    private readonly Slot[] _slots;
    private long _overflowed, _dropped, _unattributed;
    /// <summary>The next position a request claims (producers, any thread).</summary>
    private long _tail;
    /// <summary>The next position the writer takes (its thread only, but read by <see cref="Buffered"/>).</summary>
    private long _head;

    public RequestLog(RequestLogSettings settings)
    {
        _slots = new Slot[Math.Max(settings.BufferSize, 0)];
        for (var i = 0; i < _slots.Length; i++) _slots[i].Sequence = i;
    }

    /// <summary>Records waiting to be written (the backlog <c>/metrics</c> shows).</summary>
    public long Buffered => Math.Max(0, Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>Records dropped since start (buffer full, or a batch the database refused).</summary>
    public long Dropped => Interlocked.Read(ref _overflowed) + Interlocked.Read(ref _dropped);

    /// <summary>Records dropped since start because the buffer was full.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    public void Add(in RequestRecord record)
    {
        if (record.TenantId is null)
        {
            Interlocked.Increment(ref _unattributed);
            return;
        }
        var capacity = _slots.Length;
        var position = Volatile.Read(ref _tail);
        while (capacity > 0)
        {
            ref var slot = ref _slots[position % capacity];
            var sequence = Volatile.Read(ref slot.Sequence);
            if (sequence == position)
            {
                var seen = Interlocked.CompareExchange(ref _tail, position + 1, position);
                if (seen == position)
                {
                    slot.Record = record;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return;
                }
                position = seen;   // another request took it: try the next one
            }
            else if (sequence < position)
            {
                break;             // the slot still holds the record of the previous lap: full
            }
            else
            {
                position = Volatile.Read(ref _tail);
            }
        }
        Interlocked.Increment(ref _overflowed);
    }

    /// <summary>The oldest record waiting (the writer's only way in: there is one writer per host).</summary>
    public bool TryTake(out RequestRecord record)
    {
        if (IsEmpty)
        {
            record = default;
            return false;
        }
        var position = _head;
        ref var slot = ref _slots[position % _slots.Length];
        record = slot.Record;
        slot.Record = default;   // the strings it holds are not kept alive until the next lap
        Volatile.Write(ref slot.Sequence, position + _slots.Length);
        Volatile.Write(ref _head, position + 1);
        return true;
    }

    /// <summary>Whether the oldest slot's record is not published yet (the writer's thread only, like <see cref="TryTake"/>).</summary>
    public bool IsEmpty => _slots.Length == 0 || Volatile.Read(ref _slots[_head % _slots.Length].Sequence) != _head + 1;

    public void CountDropped(int count) => Interlocked.Add(ref _dropped, count);

    /// <summary>The refusals of unresolved keys counted since the last call (the writer adds them to the hour's total).</summary>
    public long TakeUnattributed() => Interlocked.Exchange(ref _unattributed, 0);

    public void ReturnUnattributed(long count) => Interlocked.Add(ref _unattributed, count);
}
