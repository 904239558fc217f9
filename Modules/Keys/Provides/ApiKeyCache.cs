using System.Collections.Concurrent;

namespace RetailPerformer.Keys.Provides;

/// <summary>
/// Key lookups by hash, kept in memory so authentication costs no database round trip. Entries live
/// <c>Keys:CacheSeconds</c> (30 s by default). A revocation evicts the entry at once in the process that made it
/// and, through PostgreSQL NOTIFY (<see cref="KeyRevocationListener"/>), in every other host sharing the
/// database; the time-to-live only bounds the lag should a host miss that notification.
/// </summary>
/// <remarks>
/// A concurrent dictionary with a monotonic expiry rather than <c>MemoryCache</c>: this lookup runs on every
/// integration request, and <c>MemoryCache</c>'s bookkeeping (access times, expiration scans, string keys) was a
/// visible share of the cost of an authenticated request. Presented keys that match nothing are cached too
/// (a client retrying a dead key must not reach the database each time) but only while the cache holds fewer than
/// <see cref="MaximumEntries"/>, so random keys cannot grow it without bound; real keys are bounded by the table.
/// </remarks>
internal sealed class ApiKeyCache(TimeSpan timeToLive)
{
    public const int MaximumEntries = 200_000;

    private sealed record Entry(CachedKey? Key, long ExpiresAtTicks);

    private readonly ConcurrentDictionary<KeyHash, Entry> _entries = new();
    private readonly long _timeToLive = (long)timeToLive.TotalMilliseconds;
    private long _generation;
    /// <summary>Approximate (a lost race of two additions may count one entry twice): it only bounds the size.</summary>
    private int _count;
    private long _nextSweep;

    /// <summary>Monotonic milliseconds: cheap, and blind to changes of the wall clock.</summary>
    private static long Now => Environment.TickCount64;

    /// <summary>Read before a database lookup; a lookup may be cached only if no eviction happened since.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(in KeyHash hash, out CachedKey? key)
    {
        if (_entries.TryGetValue(hash, out var entry) && entry.ExpiresAtTicks > Now)
        {
            key = entry.Key;
            return true;
        }
        key = null;
        return false;
    }

    public void Set(in KeyHash hash, CachedKey? key, long generationBeforeLookup)
    {
        // A revocation that landed while we were reading the database may have evicted nothing yet: keep
        // our (possibly stale) answer out of the cache.
        if (Generation != generationBeforeLookup) return;
        if (key is null && Volatile.Read(ref _count) >= MaximumEntries && !TrySweepExpired()) return;
        var entry = new Entry(key, Now + _timeToLive);
        _entries.AddOrUpdate(hash, _ => { Interlocked.Increment(ref _count); return entry; }, (_, _) => entry);
    }

    public void Evict(in KeyHash hash)
    {
        Interlocked.Increment(ref _generation);
        if (_entries.TryRemove(hash, out _)) Interlocked.Decrement(ref _count);
    }

    /// <summary>After losing the notification channel we cannot know what we missed.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        foreach (var hash in _entries.Keys)
            if (_entries.TryRemove(hash, out _)) Interlocked.Decrement(ref _count);
    }

    /// <summary>Drops expired entries, at most once per time-to-live; true when that made room.</summary>
    private bool TrySweepExpired()
    {
        var now = Now;
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _timeToLive, due) != due) return false;
        foreach (var (hash, entry) in _entries)
            if (entry.ExpiresAtTicks <= now && _entries.TryRemove(hash, out _)) Interlocked.Decrement(ref _count);
        return Volatile.Read(ref _count) < MaximumEntries;
    }
}
