using Microsoft.AspNetCore.Identity;

namespace RetailPerformer.Users.Data;

/// <summary>
/// Password hashing with the framework's <see cref="PasswordHasher{TUser}"/> (PBKDF2); clear passwords are never stored
/// or logged. A hash is expensive on purpose (figures: bench/README.md, "A login flood"), so the host spends a bounded share of its
/// cores on them: at most <see cref="SignInSettings.PasswordChecksPerSecond"/> (a token bucket), at most
/// <see cref="SignInSettings.ConcurrentPasswordChecks"/> at once with <see cref="SignInSettings.QueuedPasswordChecks"/>
/// waiting. Beyond, 503 + Retry-After — decided by <see cref="Admit"/> before any other work, so that a flood of sign-ins
/// for random emails from many addresses costs the host little more than its HTTP exchanges, and the integration API
/// keeps its cores.
/// </summary>
internal sealed class Passwords : IDisposable
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;
    public const string BusyMessage = "Too many sign-ins are being checked right now; retry after the delay in Retry-After";

    private sealed class Account;
    private static readonly Account Subject = new();
    private readonly PasswordHasher<Account> _hasher = new();
    // Verified against when the account is unknown, so a wrong email costs the same time as a wrong password.
    private readonly string _decoyHash;
    private readonly SemaphoreSlim _running;
    private readonly RateBuckets<bool> _budget;
    private readonly int _maximumInFlight;
    private int _inFlight;

    public Passwords(SignInSettings settings, TimeProvider clock)
    {
        _decoyHash = _hasher.HashPassword(Subject, Guid.NewGuid().ToString());
        _running = new SemaphoreSlim(settings.ConcurrentPasswordChecks);
        _maximumInFlight = settings.ConcurrentPasswordChecks + settings.QueuedPasswordChecks;
        // One bucket for the whole host (the key is irrelevant), refilled at the configured rate, bursting to twice it.
        _budget = new RateBuckets<bool>(settings.PasswordChecksPerSecond, Math.Max(1, (int)Math.Ceiling(2 * settings.PasswordChecksPerSecond)), clock);
    }

    /// <summary>
    /// The right to run one password hash, or <see cref="ServerBusyException"/> at once when the host has no capacity for
    /// it. Dispose it when done (it counts against the bound of hashes running or waiting).
    /// </summary>
    public Check Admit() => TryAdmit(out var retryAfter) ?? throw new ServerBusyException(BusyMessage, retryAfter);

    /// <summary>
    /// As <see cref="Admit"/>, without an exception: null and how long to wait when the host has no capacity. The sign-in
    /// endpoint uses it: under a flood it refuses thousands of requests a second, and an exception each was most of their cost.
    /// </summary>
    public Check? TryAdmit(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.FromSeconds(1);
        if (Interlocked.Increment(ref _inFlight) > _maximumInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            return null;
        }
        if (_budget.TryAcquire(true) is { } wait)
        {
            Interlocked.Decrement(ref _inFlight);
            retryAfter = wait;
            return null;
        }
        return new Check(this);
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        using var check = Admit();
        return await check.HashAsync(password, cancellationToken);
    }

    public async Task<bool> VerifyAsync(string? hash, string password, CancellationToken cancellationToken)
    {
        using var check = Admit();
        return await check.VerifyAsync(hash, password, cancellationToken);
    }

    /// <summary>One admitted hash.</summary>
    public sealed class Check(Passwords owner) : IDisposable
    {
        private int _disposed;

        public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
            owner.RunAsync(() => owner._hasher.HashPassword(Subject, password), cancellationToken);

        /// <summary>Always runs one hash, against a decoy when <paramref name="hash"/> is null (unknown account).</summary>
        public Task<bool> VerifyAsync(string? hash, string password, CancellationToken cancellationToken) =>
            owner.RunAsync(() => owner._hasher.VerifyHashedPassword(Subject, hash ?? owner._decoyHash, password) != PasswordVerificationResult.Failed
                                 && hash is not null, cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref owner._inFlight);
        }
    }

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _running.Release();
        }
    }

    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public void Dispose() => _budget.Dispose();
}
