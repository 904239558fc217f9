namespace RetailPerformer.Users.Data;

/// <summary>
/// How many anonymous authentication requests (register, login, invitation acceptance) one client address may make:
/// <see cref="SignInSettings.RequestsPerMinutePerAddress"/>, as a token bucket per address (this host's count). Beyond,
/// 429 + Retry-After before any password is hashed.
/// </summary>
internal sealed class AnonymousRequestLimit(SignInSettings settings, TimeProvider clock) : IDisposable
{
    public const string Message = "Too many authentication requests from this address; retry after the delay in Retry-After";

    // Swept every 10 s: a flood from ever new addresses adds a bucket per request.
    private readonly RateBuckets<string> _buckets = new(settings.RequestsPerMinutePerAddress / 60.0, settings.RequestsPerMinutePerAddress, clock,
        TimeSpan.FromSeconds(10));

    public TimeSpan? TryAcquire(HttpContext context) => _buckets.TryAcquire(ClientAddresses.Of(context));

    public void Dispose() => _buckets.Dispose();
}
