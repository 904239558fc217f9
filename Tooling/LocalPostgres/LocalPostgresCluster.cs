using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RetailPerformer.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster on loopback that this process provisions and starts itself (<c>initdb</c> +
/// <c>pg_ctl</c> from the machine's PostgreSQL). Used by the run command when no connection string is
/// configured, by the test fixture and by the benchmark. PostgreSQL refuses to run as root, so when this
/// process is root the cluster runs as the <c>postgres</c> system user.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private readonly string _binDirectory;
    private readonly bool _ownsServer;

    public string DataDirectory { get; }
    public int Port { get; }
    public string DatabaseName { get; }
    public string ConnectionString { get; }

    private LocalPostgresCluster(string binDirectory, string dataDirectory, int port, string databaseName, bool ownsServer)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        DatabaseName = databaseName;
        _ownsServer = ownsServer;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = SystemUser, Database = databaseName,
            // Loopback cluster of this checkout: trust authentication, no password to manage.
            MaxPoolSize = 100,
        }.ConnectionString;
    }

    /// <summary>
    /// Creates the cluster if <paramref name="dataDirectory"/> holds none, starts it on <paramref name="port"/>
    /// (0: a free port), and creates <paramref name="databaseName"/>. When a server already runs on that
    /// directory it is reused and left running on dispose.
    /// </summary>
    /// <param name="durable">false for throwaway clusters (tests): no fsync, much faster, nothing survives a crash.</param>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDirectory, int port, string databaseName, bool durable,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        log ??= _ => { };
        var bin = FindBinDirectory();
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        MakeOwnedBySystemUserWhenRoot(dataDirectory);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            log($"Creating a PostgreSQL cluster in {dataDirectory}");
            await RunAsync(bin, "initdb", ["-D", dataDirectory, "-U", SystemUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions"], cancellationToken);
        }

        var running = await RunningPortAsync(bin, dataDirectory, cancellationToken);
        if (running is { } existingPort)
        {
            log($"Reusing the PostgreSQL server already running on {dataDirectory} (port {existingPort})");
            var reused = new LocalPostgresCluster(bin, dataDirectory, existingPort, databaseName, ownsServer: false);
            await reused.EnsureDatabaseAsync(cancellationToken);
            return reused;
        }

        if (port == 0) port = FreeLoopbackPort();
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
        if (!durable) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        log($"Starting PostgreSQL on 127.0.0.1:{port}");
        await RunAsync(bin, "pg_ctl", ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "-o", options, "start"], cancellationToken);

        var cluster = new LocalPostgresCluster(bin, dataDirectory, port, databaseName, ownsServer: true);
        await cluster.EnsureDatabaseAsync(cancellationToken);
        return cluster;
    }

    /// <summary>
    /// A hot standby of this server, streaming from it, started on a free port: <c>pg_basebackup -R -X stream -c fast</c>
    /// into <paramref name="dataDirectory"/> (which must not hold a cluster), then <c>pg_ctl start</c>. Stopped by its own
    /// <see cref="StopAsync"/>.
    /// </summary>
    public async Task<LocalPostgresCluster> StartStandbyAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        MakeOwnedBySystemUserWhenRoot(dataDirectory);
        await RunAsync(_binDirectory, "pg_basebackup",
            ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", SystemUser, "-D", dataDirectory, "-R", "-X", "stream", "-c", "fast"], cancellationToken);
        var port = FreeLoopbackPort();
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c hot_standby=on";
        await RunAsync(_binDirectory, "pg_ctl", ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "-o", options, "start"], cancellationToken);
        return new LocalPostgresCluster(_binDirectory, dataDirectory, port, DatabaseName, ownsServer: true);
    }

    /// <summary>Creates a database on this server (if absent) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await EnsureDatabaseAsync(admin, name, cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates database <paramref name="name"/> on the server <paramref name="adminConnectionString"/> reaches, unless it exists.</summary>
    public static async Task EnsureDatabaseAsync(string adminConnectionString, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private Task EnsureDatabaseAsync(CancellationToken cancellationToken) => CreateDatabaseAsync(DatabaseName, cancellationToken);

    /// <summary>Stops the server this instance started (fast shutdown); a reused server is left alone.</summary>
    public async Task StopAsync()
    {
        if (!_ownsServer) return;
        NpgsqlConnection.ClearAllPools();
        if (await RunningPortAsync(_binDirectory, DataDirectory, CancellationToken.None) is null) return;
        await RunAsync(_binDirectory, "pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<int?> RunningPortAsync(string bin, string dataDirectory, CancellationToken cancellationToken)
    {
        var status = await RunAsync(bin, "pg_ctl", ["-D", dataDirectory, "status"], cancellationToken, throwOnError: false);
        if (status.ExitCode != 0) return null;
        // postmaster.pid: line 4 is the port.
        var lines = await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid"), cancellationToken);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>PG_BIN</c> if set, else the newest <c>/usr/lib/postgresql/N/bin</c>, else the PATH.</summary>
    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return configured;
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.version > 0 && File.Exists(Path.Combine(d.dir, "bin", "initdb")))
                .OrderByDescending(d => d.version)
                .FirstOrDefault();
            if (newest.dir is not null) return Path.Combine(newest.dir, "bin");
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(p => File.Exists(Path.Combine(p, "initdb")));
        return onPath ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found: install PostgreSQL, set PG_BIN, or configure ConnectionStrings:RetailPerformer");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void MakeOwnedBySystemUserWhenRoot(string directory)
    {
        if (!IsRoot) return;
        RunAsync("", "chown", ["-R", $"{SystemUser}:", directory], CancellationToken.None).GetAwaiter().GetResult();
        // initdb wants the data directory private to its owner.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private sealed record ProcessResult(int ExitCode, string Output);

    private static async Task<ProcessResult> RunAsync(string bin, string tool, string[] arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var executable = bin.Length == 0 ? tool : Path.Combine(bin, tool);
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not be allowed into our working directory.
            WorkingDirectory = "/",
        };
        if (IsRoot && bin.Length > 0)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", SystemUser, "--", executable]) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = executable;
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}");
        // pg_ctl's -l sends the server's own output to its log file, so these pipes close when the tool exits.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
        return new ProcessResult(process.ExitCode, output);
    }
}
