using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// The real host, on Kestrel over loopback, against a real PostgreSQL database. Tests reach it only
/// through HTTP. Every test class gets its own host on the shared test database; isolation comes from
/// each test creating its own tenant.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _connectionString = "";

    /// <summary>The database this host uses; a class may ask for one of its own.</summary>
    protected virtual string DatabaseName => "rp_tests";

    /// <summary>Settings a test class needs beyond the defaults (rate limits, SMTP, …).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public string ConnectionString => _connectionString;

    public CapturedLogs Logs { get; } = new();

    /// <summary>Where this host's database is; by default a database on the run's shared server.</summary>
    protected virtual Task<string> ConnectionStringAsync() => TestDatabase.DatabaseAsync(DatabaseName);

    public async Task InitializeAsync()
    {
        _connectionString = await ConnectionStringAsync();
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:RetailPerformer", _connectionString);
        // Generous by default so parallel tests never trip it; the rate-limit tests set their own.
        builder.UseSetting("RateLimiting:PermitsPerSecond", "100000");
        builder.UseSetting("RateLimiting:Burst", "100000");
        // Every test comes from 127.0.0.1 and many sign in at once: the anonymous limits are the hardening tests' own.
        builder.UseSetting("SignIn:RequestsPerMinutePerAddress", "1000000");
        builder.UseSetting("SignIn:QueuedPasswordChecks", "100000");
        builder.UseSetting("SignIn:PasswordChecksPerSecond", "100000");
        builder.UseSetting("SignIn:ConcurrentPasswordChecks", Environment.ProcessorCount.ToString());
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(Logs);
        });
    }

    public HttpClient Client() => CreateClient();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
