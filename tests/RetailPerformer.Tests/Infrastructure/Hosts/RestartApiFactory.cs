namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host a test stops and starts again itself (two instances, one after the other), on a database of its own.</summary>
public sealed class RestartApiFactory : ApiFactory
{
    protected override string DatabaseName => "rp_tests_restart";
}
