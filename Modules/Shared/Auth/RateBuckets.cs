using System.Collections.Concurrent;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// Token buckets by key, each kept as one number updated by compare-and-swap (<see cref="KeyBucket"/>), found in a
/// concurrent dictionary without a global lock. Buckets full again for a while (as good as new) are dropped by one timer.
/// </summary>
public sealed class RateBuckets<TKey> : IDisposable where TKey : notnull
{
    private readonly TimeSpan _idleAfter;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<TKey, KeyBucket> _buckets = new();
    private readonly long _interval;
    private readonly long _capacity;
    private readonly Timer _sweeper;

    /// <param name="permitsPerSecond">The sustained rate (may be below one: 0.5 is one request every two seconds).</param>
    /// <param name="burst">How many requests a full bucket lets through at once.</param>
    /// <param name="idleAfter">
    /// How long a bucket stays once full again (default 5 minutes), and how often the sweep runs. Short where keys are
    /// many and fleeting — client addresses of a flood, a new one each request — so that memory stays bounded.
    /// </param>
    /// <param name="clock">Whose timestamps measure the refill (the host's <see cref="TimeProvider"/>, so that tests can move it).</param>
    public RateBuckets(double permitsPerSecond, int burst, TimeProvider clock, TimeSpan? idleAfter = null)
    {
        _clock = clock;
        _interval = Math.Max(1, (long)(clock.TimestampFrequency / permitsPerSecond));
        _capacity = _interval * burst;
        _idleAfter = idleAfter ?? TimeSpan.FromMinutes(5);
        _sweeper = new Timer(_ => Sweep(), null, _idleAfter, _idleAfter);
    }

    /// <summary>Takes one request from the key's bucket: null when granted, else how long until it would be.</summary>
    public TimeSpan? TryAcquire(TKey key) => Take(key) is { Granted: false } refused ? refused.RetryAfter : null;

    /// <summary>
    /// Takes one request from the key's bucket, at the buckets' rate or at <paramref name="permitsPerSecond"/> and
    /// <paramref name="burst"/> of the key's own, and says what is left of it.
    /// </summary>
    public RateDecision Take(TKey key, double? permitsPerSecond = null, int? burst = null)
    {
        var interval = permitsPerSecond is { } rate ? Math.Max(1, (long)(_clock.TimestampFrequency / rate)) : _interval;
        var capacity = burst is { } b ? interval * b : _capacity;
        var bucket = _buckets.GetOrAdd(key, static _ => new KeyBucket());
        var now = _clock.GetTimestamp();
        var retryAfter = bucket.TryTake(interval, capacity, now, out var fullAt);
        var ahead = Math.Max(0, fullAt - now);
        return new RateDecision(
            Granted: retryAfter == 0,
            Limit: (int)(capacity / interval),
            Remaining: (int)Math.Max(0, (capacity - ahead) / interval),
            RetryAfter: TimeSpan.FromSeconds((double)retryAfter / _clock.TimestampFrequency),
            Reset: TimeSpan.FromSeconds((double)ahead / _clock.TimestampFrequency));
    }

    /// <summary>Drops the buckets of keys that stopped calling (a full bucket is what a new one would be).</summary>
    private void Sweep()
    {
        var idleSince = _clock.GetTimestamp() - (long)(_idleAfter.TotalSeconds * _clock.TimestampFrequency);
        foreach (var (key, bucket) in _buckets)
        {
            // A request racing with the removal may spend from the dropped bucket: at most that one request goes uncounted.
            if (bucket.FullBefore(idleSince)) _buckets.TryRemove(key, out _);
        }
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>
    /// A token bucket kept as one timestamp, the moment it will be full again (the "theoretical arrival time" of
    /// the generic cell-rate algorithm): taking n tokens pushes it n intervals later; a request is refused when
    /// that would put it more than the bucket's capacity (burst × interval) ahead of now. Tokens come back
    /// continuously, one per interval, rather than a second's worth at once.
    /// </summary>
    private sealed class KeyBucket
    {
        private long _fullAt;

        /// <summary>
        /// Takes <paramref name="cost"/> (tokens × interval); 0 when granted, else how long until it would be (timestamp
        /// units). <paramref name="fullAt"/>: when the bucket will be full again, after this take.
        /// </summary>
        public long TryTake(long cost, long capacity, long now, out long fullAt)
        {
            while (true)
            {
                fullAt = Volatile.Read(ref _fullAt);
                var next = Math.Max(fullAt, now) + cost;
                var ahead = next - now;
                if (ahead > capacity) return ahead - capacity;
                if (Interlocked.CompareExchange(ref _fullAt, next, fullAt) == fullAt)
                {
                    fullAt = next;
                    return 0;
                }
            }
        }

        public bool FullBefore(long timestamp) => Volatile.Read(ref _fullAt) < timestamp;
    }
}
