using System.Diagnostics;
using Npgsql;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host whose pool goes through Debian's PgBouncer in transaction mode (started here on loopback, in front of the run's
/// PostgreSQL), with the direct connection string beside it for LISTEN and the migrations; on a database of its own.
/// </summary>
public sealed class PgBouncerApiFactory : ApiFactory
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rp-pgbouncer-").FullName;
    private Process? _pgbouncer;
    private string _direct = "";

    public int Port { get; } = RetailPerformer.LocalPostgres.LocalPostgresCluster.FreeLoopbackPort();

    protected override string DatabaseName => "rp_tests_pgbouncer";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:RetailPerformerDirect"] = _direct,
    };

    protected internal override async Task<string> ConnectionStringAsync()
    {
        _direct = await base.ConnectionStringAsync();
        var server = new NpgsqlConnectionStringBuilder(_direct);
        File.WriteAllText(Path.Combine(_folder, "userlist.txt"), $"\"{server.Username}\" \"\"\n");
        File.WriteAllText(Path.Combine(_folder, "pgbouncer.ini"), $"""
            [databases]
            * = host={server.Host} port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {Port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {_folder}/userlist.txt
            pool_mode = transaction
            max_client_conn = 500
            default_pool_size = 20
            logfile = {_folder}/pgbouncer.log
            pidfile = {_folder}/pgbouncer.pid
            """);
        // PgBouncer refuses to run as root: as root, it runs as postgres (which needs the folder).
        var program = File.Exists("/usr/sbin/pgbouncer") ? "/usr/sbin/pgbouncer" : "pgbouncer";   // Debian puts it in sbin
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            File.SetUnixFileMode(_folder, (UnixFileMode)0b111_111_111);
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
        }
        start.ArgumentList.Add(Path.Combine(_folder, "pgbouncer.ini"));
        _pgbouncer = Process.Start(start)!;
        _pgbouncer.OutputDataReceived += (_, _) => { };
        _pgbouncer.ErrorDataReceived += (_, _) => { };
        _pgbouncer.BeginOutputReadLine();
        _pgbouncer.BeginErrorReadLine();

        // What a pooler in transaction mode asks of a client: no reset on close (a pooled session is not this client's).
        var throughBouncer = new NpgsqlConnectionStringBuilder(_direct) { Port = Port, NoResetOnClose = true }.ConnectionString;
        // Probed on the maintenance database: a server session PgBouncer opened to the host's database before its migrations
        // set the role's statement timeout would keep none until PgBouncer recycles it (see DatabaseSetup).
        var probe = new NpgsqlConnectionStringBuilder(throughBouncer) { Database = "postgres", Pooling = false }.ConnectionString;
        for (var i = 0; ; i++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                return throughBouncer;
            }
            catch (NpgsqlException) when (i < 100 && !_pgbouncer.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_pgbouncer is { HasExited: false })
        {
            _pgbouncer.Kill();
            await _pgbouncer.WaitForExitAsync();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
