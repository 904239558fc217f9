namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host whose invitations go to a real SMTP conversation with <see cref="Smtp"/>.</summary>
public sealed class SmtpApiFactory : ApiFactory
{
    public SmtpCapture Smtp { get; } = new();

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
