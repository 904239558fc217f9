using Npgsql;
using RetailPerformer.LocalPostgres;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of this test run: the one <c>RP_TEST_DATABASE</c> names (a connection string
/// whose user may create databases), or else a throwaway cluster started here (<c>initdb</c> + <c>pg_ctl</c>
/// on a free loopback port) and removed when the test process exits.
/// </summary>
public static class TestDatabase
{
    public const string EnvironmentVariable = "RP_TEST_DATABASE";
    private static readonly Lazy<Task<Server>> Shared = new(StartAsync);

    private sealed record Server(string AdminConnectionString, LocalPostgresCluster? Cluster, string? Directory);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> Databases = new();

    /// <summary>A database of its own for a host (created once per run, if absent) on the run's server.</summary>
    public static Task<string> DatabaseAsync(string name) =>
        Databases.GetOrAdd(name, n => new Lazy<Task<string>>(() => CreateDatabaseAsync(n))).Value;

    private static async Task<string> CreateDatabaseAsync(string name)
    {
        var server = await Shared.Value;
        await LocalPostgresCluster.EnsureDatabaseAsync(server.AdminConnectionString, name);
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A connection string to the server's maintenance database, for tests that administer it.</summary>
    public static async Task<string> AdminConnectionStringAsync() => (await Shared.Value).AdminConnectionString;

    private const string ClusterPrefix = "rp-tests-";

    /// <summary>
    /// The test host process may be torn down before its exit handler has removed the cluster's folder;
    /// a folder whose server no longer runs (no postmaster.pid) belongs to a finished run.
    /// </summary>
    private static void RemoveClustersOfEarlierRuns()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            if (File.Exists(Path.Combine(stale, "postmaster.pid"))) continue;
            try { Directory.Delete(stale, recursive: true); }
            catch (IOException) { /* another run is creating it right now */ }
        }
    }

    private static async Task<Server> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString;
            return new Server(admin, null, null);
        }

        RemoveClustersOfEarlierRuns();
        var directory = Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var cluster = await LocalPostgresCluster.StartAsync(directory, port: 0, databaseName: "postgres", durable: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                cluster.StopAsync().GetAwaiter().GetResult();
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Could not remove the test cluster in {directory}: {ex.Message}");
            }
        };
        var adminString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        return new Server(adminString, cluster, directory);
    }
}
