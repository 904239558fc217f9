namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// Two hosts on a database no other host uses, for the revocation listener's tests: cutting listeners' sessions makes a
/// host empty its key cache, and on the shared host that cost other classes' tests a key lookup they did not expect
/// (<c>SharedRateBudgetTests</c> counts every SQL command of a request).
/// </summary>
public sealed class ListenerHostA : ApiFactory
{
    protected override string DatabaseName => "rp_tests_listener";
}

/// <inheritdoc cref="ListenerHostA"/>
public sealed class ListenerHostB : ApiFactory
{
    protected override string DatabaseName => "rp_tests_listener";
}
