namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host whose SMTP server does not answer (nothing listens on its port); on a database of its own (see <see cref="SmtpApiFactory"/>).</summary>
public sealed class BrokenSmtpApiFactory : ApiFactory
{
    protected override string DatabaseName => "rp_tests_smtp_broken";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = RetailPerformer.LocalPostgres.LocalPostgresCluster.FreeLoopbackPort().ToString(),
        ["Smtp:TimeoutSeconds"] = "3",
    };
}
