namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host behind a trusted proxy (loopback), so that tests speak for several client addresses through
/// <c>X-Forwarded-For</c>, with small anonymous limits: 6 auth requests a minute per address, one password hashed at a
/// time with two waiting, 4 failures a minute per account.
/// </summary>
public sealed class SignInGuardedApiFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Proxy:TrustedAddresses:0"] = "127.0.0.1",
        ["Proxy:TrustedAddresses:1"] = "::1",
        ["SignIn:RequestsPerMinutePerAddress"] = "6",
        ["SignIn:ConcurrentPasswordChecks"] = "1",
        ["SignIn:QueuedPasswordChecks"] = "2",
        ["SignIn:AccountFailuresPerMinute"] = "4",
    };
}
