namespace RetailPerformer.Shared.Auth;

/// <summary>
/// A token bucket per API key, applied by <see cref="ApiKeyGate"/> once the key is known and its scope checked: a key
/// may burst up to <c>RateLimiting:Burst</c> requests and sustain <c>RateLimiting:PermitsPerSecond</c>. Buckets are per
/// key, so one integration's burst never slows another's. The app API, health and the reference page are not limited.
/// </summary>
/// <remarks>
/// One budget per key for every host together (<c>RateLimiting:Shared</c>, on by default): the bucket lives in PostgreSQL
/// and each host leases slices of it (<see cref="RateLeases"/>), so N hosts admit at most the budget plus one slice per
/// host, with no database round trip per request. Off, or while the database does not answer, each host counts on its own
/// (<see cref="RateBuckets{TKey}"/>: a concurrent dictionary of single numbers updated by compare-and-swap). Not the
/// framework's rate-limiting middleware: its partition lookup takes one global lock and its token bucket a lock per
/// request, and the middleware showed in an authenticated request's profile (`bench/run --only me --trace me`).
/// </remarks>
public sealed class ApiKeyRateLimiter(ApiKeyRateLimiter.Settings settings, TimeProvider clock, RateLeases? shared) : IDisposable
{
    /// <param name="MaximumPermitsPerSecond">The most a gérant may give one key of its own (<c>rate_limit_per_second</c>).</param>
    /// <param name="Shared">One budget per key across hosts (PostgreSQL), rather than one per host.</param>
    /// <param name="LeaseSeconds">How much of a key's rate a host leases at a time, in seconds of it (see <see cref="RateLeases.LeaseSize"/>).</param>
    public sealed record Settings(int PermitsPerSecond = 50, int Burst = 100, int MaximumPermitsPerSecond = 500, bool Shared = true, double LeaseSeconds = 0.1);

    private readonly RateBuckets<Guid> _buckets = new(PerSecond(settings), settings.Burst, clock);

    private static double PerSecond(Settings settings) =>
        settings.PermitsPerSecond >= 1 && settings.Burst >= 1
            ? settings.PermitsPerSecond
            : throw new InvalidOperationException("RateLimiting:PermitsPerSecond and RateLimiting:Burst must be at least 1");

    /// <summary>
    /// Takes one request from the key's budget: the product's rate, or the key's own (bursts in the same proportion
    /// as the product's: twice the rate by default). Synchronous unless this host has to lease more of the budget.
    /// </summary>
    public ValueTask<RateDecision> TakeAsync(ApiKeyCaller caller)
    {
        var (rate, burst) = caller.RatePerSecond is { } own
            ? (own, Math.Max(1, (int)Math.Round((double)own * settings.Burst / settings.PermitsPerSecond)))
            : (settings.PermitsPerSecond, settings.Burst);
        return shared is null ? new(_buckets.Take(caller.KeyId, rate, burst)) : shared.TakeAsync(caller, rate, burst, _buckets);
    }

    public void Dispose() => _buckets.Dispose();
}
