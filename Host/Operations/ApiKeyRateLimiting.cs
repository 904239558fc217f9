using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.Operations;

/// <summary>
/// A token bucket per API key, through the framework's rate-limiting middleware and its
/// <see cref="TokenBucketRateLimiter"/>: a key may burst up to <c>RateLimiting:Burst</c> requests and
/// sustain <c>RateLimiting:PermitsPerSecond</c>. Buckets are per key, so one integration's burst never
/// slows another's. Requests without a resolved key (app API, health, reference page) are not limited here.
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
    /// The framework's <c>PartitionedRateLimiter.Create</c> finds a partition under one global lock, which
    /// the benchmark showed as the main contention of an authenticated request (`bench/run --trace me`).
    /// Here the bucket of a key is found in a concurrent dictionary without a lock; the bucket itself is the
    /// framework's token bucket, replenishing itself. Buckets idle for <see cref="IdleAfter"/> are dropped by one timer.
    /// </summary>
    internal sealed class PerKeyLimiter : PartitionedRateLimiter<HttpContext>
    {
        private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);
        private static readonly RateLimitLease Unlimited = new NoLimitLease();
        private readonly ConcurrentDictionary<Guid, TokenBucketRateLimiter> _buckets = new();
        private readonly TokenBucketRateLimiterOptions _options;
        private readonly Timer _sweeper;

        public PerKeyLimiter(Settings settings)
        {
            _options = new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.Burst,
                TokensPerPeriod = settings.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
            _sweeper = new Timer(_ => Sweep(), null, IdleAfter, IdleAfter);
        }

        private TokenBucketRateLimiter? BucketOf(HttpContext context) =>
            context.Features.Get<ApiKeyCaller>() is { } caller ? _buckets.GetOrAdd(caller.KeyId, _ => new TokenBucketRateLimiter(_options)) : null;

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            BucketOf(resource)?.AttemptAcquire(permitCount) ?? Unlimited;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            BucketOf(resource)?.AcquireAsync(permitCount, cancellationToken) ?? ValueTask.FromResult(Unlimited);

        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => BucketOf(resource)?.GetStatistics();

        /// <summary>Drops the buckets of keys that stopped calling (a full bucket is what a new one would be).</summary>
        private void Sweep()
        {
            foreach (var (key, bucket) in _buckets)
            {
                if (bucket.IdleDuration > IdleAfter && _buckets.TryRemove(key, out var removed)) removed.Dispose();
            }
        }

        protected override void Dispose(bool disposing)
        {
            _sweeper.Dispose();
            foreach (var bucket in _buckets.Values) bucket.Dispose();
            base.Dispose(disposing);
        }

        private sealed class NoLimitLease : RateLimitLease
        {
            public override bool IsAcquired => true;
            public override IEnumerable<string> MetadataNames => [];
            public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
        }
    }
}
