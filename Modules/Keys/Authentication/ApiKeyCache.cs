using Microsoft.Extensions.Caching.Memory;

namespace RetailPerformer.Keys.Authentication;

/// <summary>A key as authentication needs it; null in the cache means "no such key".</summary>
internal sealed record CachedKey(ApiKeyCaller Caller, bool Active);

/// <summary>
/// Key lookups by hash, kept in memory so authentication costs no database round trip. Entries live
/// <c>Keys:CacheSeconds</c> (30 s by default). A revocation evicts the entry at once in this process and,
/// through PostgreSQL NOTIFY (<see cref="KeyRevocationListener"/>), in every other host sharing the
/// database; the time-to-live only bounds the lag should a host miss that notification.
/// </summary>
internal sealed class ApiKeyCache(TimeSpan timeToLive) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private long _generation;

    /// <summary>Read before a database lookup; a lookup may be cached only if no eviction happened since.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string hashHex, out CachedKey? key) => _cache.TryGetValue(hashHex, out key);

    public void Set(string hashHex, CachedKey? key, long generationBeforeLookup)
    {
        // A revocation that landed while we were reading the database may have evicted nothing yet: keep
        // our (possibly stale) answer out of the cache.
        if (Generation != generationBeforeLookup) return;
        _cache.Set(hashHex, key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive, Size = 1 });
    }

    public void Evict(string hashHex)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(hashHex);
    }

    /// <summary>After losing the notification channel we cannot know what we missed.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();
}
