namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host whose clock the tests move, on a database of its own: dropping the request log's old partitions at a moved
/// date must not reach the shared database's current ones.
/// </summary>
public sealed class RetentionApiFactory : ClockedApiFactory
{
    protected override string DatabaseName => "rp_tests_retention";
}
