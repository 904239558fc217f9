namespace RetailPerformer.Shared.Auth;

/// <summary>
/// A token bucket per API key, applied by <see cref="ApiKeyGate"/> once the key is known and its scope checked: a key
/// may burst up to <c>RateLimiting:Burst</c> requests and sustain <c>RateLimiting:PermitsPerSecond</c>. Buckets are per
/// key, so one integration's burst never slows another's. The app API, health and the reference page are not limited.
/// </summary>
/// <remarks>
/// Not the framework's rate-limiting middleware: its <c>PartitionedRateLimiter.Create</c> finds a partition under one
/// global lock and its <c>TokenBucketRateLimiter</c> takes a lock on every request, and the middleware itself (endpoint
/// metadata, combined leases, metrics) showed in an authenticated request's profile (`bench/run --only me --trace me`).
/// Here a key's bucket is found in a concurrent dictionary and is a single number updated by compare-and-swap
/// (<see cref="RateBuckets{TKey}"/>). The budget is per host:
/// several hosts behind one balancer each grant a key its whole rate (a shared budget would live in PostgreSQL).
/// </remarks>
public sealed class ApiKeyRateLimiter(ApiKeyRateLimiter.Settings settings, TimeProvider clock) : IDisposable
{
    /// <param name="MaximumPermitsPerSecond">The most a gérant may give one key of its own (<c>rate_limit_per_second</c>).</param>
    public sealed record Settings(int PermitsPerSecond = 50, int Burst = 100, int MaximumPermitsPerSecond = 500);

    private readonly RateBuckets<Guid> _buckets = new(PerSecond(settings), settings.Burst, clock);

    private static double PerSecond(Settings settings) =>
        settings.PermitsPerSecond >= 1 && settings.Burst >= 1
            ? settings.PermitsPerSecond
            : throw new InvalidOperationException("RateLimiting:PermitsPerSecond and RateLimiting:Burst must be at least 1");

    /// <summary>
    /// Takes one request from the key's budget: the product's rate, or the key's own (bursts in the same proportion
    /// as the product's: twice the rate by default).
    /// </summary>
    public RateDecision Take(ApiKeyCaller caller) =>
        caller.RatePerSecond is { } rate
            ? _buckets.Take(caller.KeyId, rate, Math.Max(1, (int)Math.Round((double)rate * settings.Burst / settings.PermitsPerSecond)))
            : _buckets.Take(caller.KeyId);

    public void Dispose() => _buckets.Dispose();
}
