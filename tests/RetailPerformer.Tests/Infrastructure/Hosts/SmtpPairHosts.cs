namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// Two hosts, each with an SMTP server of its own, on a database no other host uses: as when several hosts retry the same
/// invitation emails, what each server received tells which host sent what (and no third host takes a retry).
/// </summary>
public sealed class SmtpPairHostA : SmtpApiFactory
{
    protected override string DatabaseName => "rp_tests_smtp_pair";
}

/// <inheritdoc cref="SmtpPairHostA"/>
public sealed class SmtpPairHostB : SmtpApiFactory
{
    protected override string DatabaseName => "rp_tests_smtp_pair";
}

/// <summary>
/// A host with SMTP for the console's invitation page, on a database of its own: on the pair's database it would be a third
/// host taking the pair's retries into a server the pair's tests do not read.
/// </summary>
public sealed class SmtpConsoleApiFactory : SmtpApiFactory
{
    protected override string DatabaseName => "rp_tests_smtp_console";
}
