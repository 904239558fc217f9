namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host where an endpoint is disabled after two seconds of failures (three days in production) and retries come every
/// 0.3 s, so that "failing for too long" happens within a test; on a database of its own, so no other test's endpoint
/// is disabled by it.
/// </summary>
public sealed class FailingWebhooksApiFactory : ApiFactory
{
    /// <summary>Where the gérant is told (a real SMTP conversation).</summary>
    public SmtpCapture Smtp { get; } = new();

    protected override string DatabaseName => "rp_tests_webhooks_failing";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = Smtp.Port.ToString(),
        ["Webhooks:DisableAfterHours"] = (2.0 / 3600).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:RetrySeconds:3"] = "0.3", ["Webhooks:RetrySeconds:4"] = "0.3", ["Webhooks:RetrySeconds:5"] = "0.3",
        ["Webhooks:RetrySeconds:6"] = "0.3", ["Webhooks:RetrySeconds:7"] = "0.3", ["Webhooks:RetrySeconds:8"] = "0.3",
        ["Webhooks:RetrySeconds:9"] = "0.3", ["Webhooks:RetrySeconds:10"] = "0.3", ["Webhooks:RetrySeconds:11"] = "0.3",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}
