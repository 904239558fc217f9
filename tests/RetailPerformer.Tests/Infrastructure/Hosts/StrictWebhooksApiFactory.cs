namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host with the production default for webhook addresses: loopback refused like any private address. On a database of
/// its own: its dispatcher would otherwise claim the other tests' deliveries to their loopback receivers, and refuse them.
/// </summary>
public sealed class StrictWebhooksApiFactory : ApiFactory
{
    protected override string DatabaseName => "rp_tests_webhooks_strict";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Webhooks:AllowLoopback"] = "false" };
}
