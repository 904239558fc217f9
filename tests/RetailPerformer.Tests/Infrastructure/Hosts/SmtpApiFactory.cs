namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host whose invitations go to a real SMTP conversation with <see cref="Smtp"/>; on a database of its own, because every
/// host retries the failed invitation emails it finds there (a host without SMTP would write them to its log instead).
/// </summary>
public class SmtpApiFactory : ApiFactory
{
    public SmtpCapture Smtp { get; } = new();

    protected override string DatabaseName => "rp_tests_smtp";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(),
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}
