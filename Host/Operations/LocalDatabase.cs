using RetailPerformer.LocalPostgres;

namespace RetailPerformer.Host.Operations;

/// <summary>
/// The embedded default of the run command: when <c>ConnectionStrings:RetailPerformer</c> is not set,
/// start a PostgreSQL cluster whose data lives in <c>Database:LocalDataDirectory</c> (default
/// <c>.data/postgres</c> under the working directory, git-ignored) and survives restarts.
/// </summary>
internal static class LocalDatabase
{
    public const string ConnectionStringName = "RetailPerformer";

    public static async Task<LocalPostgresCluster?> StartIfNotConfiguredAsync(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName))) return null;

        var dataDirectory = builder.Configuration["Database:LocalDataDirectory"] ?? Path.Combine(".data", "postgres");
        var port = builder.Configuration.GetValue("Database:LocalPort", 0);
        var cluster = await LocalPostgresCluster.StartAsync(dataDirectory, port, "retailperformer", durable: true,
            log: message => Console.WriteLine($"[database] {message}"));
        Console.WriteLine($"[database] PostgreSQL on 127.0.0.1:{cluster.Port}, data in {cluster.DataDirectory}");
        builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = cluster.ConnectionString;
        return cluster;
    }
}
