using Microsoft.AspNetCore.Identity;

namespace RetailPerformer.Users.Accounts;

/// <summary>
/// Password hashing with the framework's <see cref="PasswordHasher{TUser}"/> (PBKDF2); clear passwords are never stored
/// or logged. Hashing is deliberately expensive (tens of milliseconds of CPU), so at most
/// <see cref="SignInSettings.ConcurrentPasswordChecks"/> run at once and at most <see cref="SignInSettings.QueuedPasswordChecks"/>
/// wait: a flood of sign-ins (for random emails, from many addresses) gets 503 + Retry-After beyond that, and the
/// rest of the API keeps its cores.
/// </summary>
internal sealed class Passwords
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
    private readonly int _maximumInFlight;
    private int _inFlight;

    public Passwords(SignInSettings settings)
    {
        _decoyHash = _hasher.HashPassword(Subject, Guid.NewGuid().ToString());
        _running = new SemaphoreSlim(settings.ConcurrentPasswordChecks);
        _maximumInFlight = settings.ConcurrentPasswordChecks + settings.QueuedPasswordChecks;
    }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunBoundedAsync(() => _hasher.HashPassword(Subject, password), cancellationToken);

    /// <summary>Always runs one hash, against a decoy when <paramref name="hash"/> is null (unknown account).</summary>
    public Task<bool> VerifyAsync(string? hash, string password, CancellationToken cancellationToken) =>
        RunBoundedAsync(() => _hasher.VerifyHashedPassword(Subject, hash ?? _decoyHash, password) != PasswordVerificationResult.Failed
                              && hash is not null, cancellationToken);

    private async Task<T> RunBoundedAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        // Running and waiting together; beyond the bound the caller is answered at once instead of queueing.
        if (Interlocked.Increment(ref _inFlight) > _maximumInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            throw new ServerBusyException(BusyMessage, TimeSpan.FromSeconds(1));
        }
        try
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
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
