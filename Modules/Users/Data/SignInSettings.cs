using Microsoft.Extensions.Configuration;

namespace RetailPerformer.Users.Data;

/// <summary>The <c>SignIn</c> section: how much anonymous authentication work the host accepts.</summary>
internal sealed record SignInSettings
{
    /// <summary>
    /// Password hashes this host computes per second (sign-ins, sign-ups, password changes, invitation acceptances), bursting
    /// to twice as many; beyond, 503 + Retry-After. The default keeps hashing to a small share of one core under a flood and still
    /// allows thousands of sign-ins an hour (tokens last an hour); `bench/run --only login-flood` measures it.
    /// </summary>
    public double PasswordChecksPerSecond { get; init; } = 4;

    /// <summary>Password hashes computed at once (default: half the cores, at least one).</summary>
    public int ConcurrentPasswordChecks { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Password hashes waiting for their turn; beyond, 503 + Retry-After.</summary>
    public int QueuedPasswordChecks { get; init; } = 32;

    /// <summary>Anonymous auth requests (register, login, invitation acceptance) one client address may make per minute; beyond, 429.</summary>
    public int RequestsPerMinutePerAddress { get; init; } = 30;

    /// <summary>
    /// Failed sign-ins on one account per minute, from all addresses together, beyond which the account is throttled for
    /// everyone until the minute is over. Above what one address can do (one attempt per 5 s, 12 a minute), so that a
    /// single attacker cannot lock the real user out; it stops an attack spread over many addresses.
    /// </summary>
    public int AccountFailuresPerMinute { get; init; } = 20;

    public static SignInSettings Read(IConfiguration configuration) =>
        configuration.GetSection("SignIn").Get<SignInSettings>() ?? new SignInSettings();
}
