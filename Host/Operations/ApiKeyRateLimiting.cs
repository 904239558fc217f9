using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.Operations;

/// <summary>
/// A token bucket per API key, through the framework's rate-limiting middleware: a key may burst up to
/// <c>RateLimiting:Burst</c> requests and sustain <c>RateLimiting:PermitsPerSecond</c>. Buckets are per key, so one
/// integration's burst never slows another's. Requests without a resolved key (app API, health, reference page)
/// are not limited here.
/// </summary>
internal static class ApiKeyRateLimiting
{
    public sealed record Settings(int PermitsPerSecond = 50, int Burst = 100);

    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimiting").Get<Settings>() ?? new Settings();
        if (settings.PermitsPerSecond < 1 || settings.Burst < 1)
            throw new InvalidOperationException("RateLimiting:PermitsPerSecond and RateLimiting:Burst must be at least 1");

        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = new PerKeyLimiter(settings);
            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var delay)
                    ? Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds))
                    : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString();
                await Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ProblemMessages.RateLimited);
            };
        });
    }

    /// <summary>
    /// The framework's <c>PartitionedRateLimiter.Create</c> finds a partition under one global lock, and its
    /// <see cref="TokenBucketRateLimiter"/> takes a lock on every request: both showed as contention of an
    /// authenticated request (`bench/run --only me --trace me`: the bucket's lock was 3 % of /me's CPU with one key
    /// on 64 connections). Here a key's bucket is found in a concurrent dictionary and is a single number
    /// updated by compare-and-swap (<see cref="KeyBucket"/>). Buckets idle for <see cref="IdleAfter"/> are dropped by one timer.
    /// </summary>
    internal sealed class PerKeyLimiter : PartitionedRateLimiter<HttpContext>
    {
        private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);
        private static readonly RateLimitLease Granted = new Lease(acquired: true, retryAfter: null);
        private readonly ConcurrentDictionary<Guid, KeyBucket> _buckets = new();
        private readonly long _interval;
        private readonly long _capacity;
        private readonly Timer _sweeper;

        public PerKeyLimiter(Settings settings)
        {
            _interval = Math.Max(1, Stopwatch.Frequency / settings.PermitsPerSecond);
            _capacity = _interval * settings.Burst;
            _sweeper = new Timer(_ => Sweep(), null, IdleAfter, IdleAfter);
        }

        private KeyBucket? BucketOf(HttpContext context) =>
            context.Features.Get<ApiKeyCaller>() is { } caller ? _buckets.GetOrAdd(caller.KeyId, static _ => new KeyBucket()) : null;

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
        {
            if (BucketOf(resource) is not { } bucket) return Granted;
            var retryAfter = bucket.TryTake(permitCount * _interval, _capacity, Stopwatch.GetTimestamp());
            return retryAfter == 0 ? Granted : new Lease(acquired: false, Stopwatch.GetElapsedTime(0, retryAfter));
        }

        /// <summary>No queue: a request over the rate is refused at once, as with <c>QueueLimit = 0</c>.</summary>
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

        /// <summary>A read: it does not create the bucket of a key that has not called yet (that bucket would be full).</summary>
        public override RateLimiterStatistics? GetStatistics(HttpContext resource)
        {
            if (resource.Features.Get<ApiKeyCaller>() is not { } caller) return null;
            var available = _buckets.TryGetValue(caller.KeyId, out var bucket)
                ? bucket.Available(_interval, _capacity, Stopwatch.GetTimestamp())
                : _capacity / _interval;
            return new RateLimiterStatistics { CurrentAvailablePermits = available };
        }

        /// <summary>Drops the buckets of keys that stopped calling (a full bucket is what a new one would be).</summary>
        private void Sweep()
        {
            var idleSince = Stopwatch.GetTimestamp() - (long)(IdleAfter.TotalSeconds * Stopwatch.Frequency);
            foreach (var (key, bucket) in _buckets)
            {
                // A request racing with the removal may spend from the dropped bucket: at most that one request goes uncounted.
                if (bucket.FullBefore(idleSince)) _buckets.TryRemove(key, out _);
            }
        }

        protected override void Dispose(bool disposing)
        {
            _sweeper.Dispose();
            base.Dispose(disposing);
        }

        private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
        {
            public override bool IsAcquired => acquired;
            public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
                return metadata is not null;
            }
        }
    }

    /// <summary>
    /// A token bucket kept as one timestamp, the moment it will be full again (the "theoretical arrival time" of
    /// the generic cell-rate algorithm): taking n tokens pushes it n intervals later; a request is refused when
    /// that would put it more than the bucket's capacity (burst × interval) ahead of now. Tokens come back
    /// continuously, one per interval, rather than a second's worth at once.
    /// </summary>
    internal sealed class KeyBucket
    {
        private long _fullAt;

        /// <summary>Takes <paramref name="cost"/> (tokens × interval); 0 when granted, else how long until it would be (timestamp units).</summary>
        public long TryTake(long cost, long capacity, long now)
        {
            while (true)
            {
                var fullAt = Volatile.Read(ref _fullAt);
                var next = Math.Max(fullAt, now) + cost;
                var ahead = next - now;
                if (ahead > capacity) return ahead - capacity;
                if (Interlocked.CompareExchange(ref _fullAt, next, fullAt) == fullAt) return 0;
            }
        }

        public long Available(long interval, long capacity, long now) =>
            (capacity - Math.Max(0, Volatile.Read(ref _fullAt) - now)) / interval;

        public bool FullBefore(long timestamp) => Volatile.Read(ref _fullAt) < timestamp;
    }
}
