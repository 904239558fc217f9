using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// What a test class asks for (<c>IClassFixture&lt;ApiFactory&gt;</c>): the real host, on Kestrel over loopback, against a
/// real PostgreSQL database; tests reach it only through HTTP. A plain <see cref="ApiFactory"/> is one host shared by every
/// class that needs nothing special — started once, when the first of them runs, and kept until the test process ends:
/// classes isolate themselves by creating their own tenant, so they run in parallel against it. A subclass (a variant in
/// this folder: other settings, another database, a controllable clock) gets a host of its own.
/// </summary>
public class ApiFactory : IAsyncLifetime
{
    private static readonly Lazy<Task<TestHost>> SharedPlainHost = new(() => TestHost.StartAsync(new ApiFactory()));
    private TestHost? _host;

    private bool SharesTheHost => GetType() == typeof(ApiFactory);
    private TestHost Host => _host ?? throw new InvalidOperationException("The host is not started yet");

    /// <summary>The database this host uses; a variant may ask for one of its own.</summary>
    protected virtual string DatabaseName => "rp_tests";

    /// <summary>Settings a variant needs beyond the defaults (rate limits, SMTP, …).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Where this host's database is; by default a database on the run's shared server.</summary>
    protected internal virtual Task<string> ConnectionStringAsync() => TestDatabase.DatabaseAsync(DatabaseName);

    public string ConnectionString => Host.ConnectionString;

    /// <summary>The host's sessions' <c>application_name</c>, to tell them from other hosts' on a shared database.</summary>
    public string ApplicationName => Host.ApplicationName;
    public CapturedLogs Logs => Host.Logs;
    public IServiceProvider Services => Host.Services;

    public HttpClient Client() => Host.CreateClient();

    public async Task InitializeAsync() => _host = SharesTheHost ? await SharedPlainHost.Value : await TestHost.StartAsync(this);

    /// <summary>The host's configuration; a variant adds to it (after calling this).</summary>
    protected internal virtual void ConfigureWebHost(IWebHostBuilder builder, string connectionString, CapturedLogs logs)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:RetailPerformer", connectionString);
        // Generous by default so parallel tests never trip it; the rate-limit tests set their own.
        builder.UseSetting("RateLimiting:PermitsPerSecond", "100000");
        builder.UseSetting("RateLimiting:Burst", "100000");
        // Every test comes from 127.0.0.1 and many sign in at once: the anonymous limits are the hardening tests' own.
        builder.UseSetting("SignIn:RequestsPerMinutePerAddress", "1000000");
        builder.UseSetting("SignIn:QueuedPasswordChecks", "100000");
        builder.UseSetting("SignIn:PasswordChecksPerSecond", "100000");
        builder.UseSetting("SignIn:ConcurrentPasswordChecks", Environment.ProcessorCount.ToString());
        builder.UseSetting("RequestLog:Enabled", "true");
        // The webhook tests' receiver listens on loopback, and a retry schedule of a day (webhooks, invitations) would outlast the run.
        builder.UseSetting("Webhooks:AllowLoopback", "true");
        builder.UseSetting("Webhooks:PollMilliseconds", "100");
        for (var i = 0; i < 3; i++) builder.UseSetting($"Webhooks:RetrySeconds:{i}", "0.3");
        builder.UseSetting("Invitations:PollMilliseconds", "100");
        for (var i = 0; i < 3; i++) builder.UseSetting($"Invitations:RetrySeconds:{i}", "0.3");
        builder.UseSetting("Keys:ExpiryCheckSeconds", "0.5");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(logs);
        });
    }

    public virtual async ValueTask DisposeAsync()
    {
        // The shared host lives as long as the test process: other classes may still be using it.
        if (!SharesTheHost && _host is not null) await _host.DisposeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>One started host, configured by the <see cref="ApiFactory"/> (or variant) that asked for it.</summary>
    private sealed class TestHost(ApiFactory configuration) : WebApplicationFactory<Program>
    {
        public string ConnectionString { get; private set; } = "";
        public CapturedLogs Logs { get; } = new();

        /// <summary>What this host's sessions are named in <c>pg_stat_activity</c>: several hosts share a database.</summary>
        public string ApplicationName { get; } = $"rp-test-host-{Guid.NewGuid():N}";

        public static async Task<TestHost> StartAsync(ApiFactory configuration)
        {
            var host = new TestHost(configuration) { ConnectionString = await configuration.ConnectionStringAsync() };
            host.UseKestrel(0);
            host.StartServer();
            return host;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder) => configuration.ConfigureWebHost(builder,
            new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = ApplicationName }.ConnectionString, Logs);
    }
}
