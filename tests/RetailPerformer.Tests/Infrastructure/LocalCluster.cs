using System.Net.Sockets;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// The cluster of real parts <c>scripts/cluster up</c> starts (primary and hot standby, PgBouncer, three hosts as separate
/// processes, haproxy), in a folder and on ports of its own, removed with <c>scripts/cluster down --purge</c> at the end.
/// The hosts run the Host project's Release build, which the test project's build made.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"rp-cluster-{Guid.NewGuid():N}");
    private Dictionary<string, string> _addresses = new();

    /// <summary>haproxy: the API as integrators reach it.</summary>
    public Uri Api => new(_addresses["RP_CLUSTER_API"]);
    public Uri Host(int number) => new(_addresses[$"RP_CLUSTER_HOST_{number}"]);
    public string Primary => _addresses["RP_CLUSTER_PRIMARY"];
    public string Standby => _addresses["RP_CLUSTER_STANDBY"];
    public string HostPidFile(int number) => Path.Combine(_folder, $"host{number}.pid");

    public async Task InitializeAsync()
    {
        var (exit, output) = await ScriptAsync("up", "--base-port", FreePortBlock().ToString());
        if (exit != 0) throw new InvalidOperationException($"scripts/cluster up failed:\n{output}");
        _addresses = File.ReadAllLines(Path.Combine(_folder, "cluster.env"))
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    }

    /// <summary>Starts again what is not running (a killed host): <c>scripts/cluster up</c> is idempotent.</summary>
    public async Task UpAgainAsync()
    {
        var (exit, output) = await ScriptAsync("up", "--base-port", _addresses["RP_CLUSTER_BASE_PORT"]);
        if (exit != 0) throw new InvalidOperationException($"scripts/cluster up failed:\n{output}");
    }

    public async Task DisposeAsync() => await ScriptAsync("down", "--purge");

    private Task<(int ExitCode, string Output)> ScriptAsync(params string[] arguments) =>
        ExternalProcess.RunAsync(Path.Combine(Repository.Root(), "scripts", "cluster"), [.. arguments, "--dir", _folder],
            environment: new Dictionary<string, string> { ["RP_CLUSTER_NO_BUILD"] = "1" }, timeout: TimeSpan.FromMinutes(3));

    /// <summary>A base port whose block (base … base + 20) is free now.</summary>
    private static int FreePortBlock()
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = Random.Shared.Next(20000, 30000);
            if (Enumerable.Range(candidate, 20).All(IsFree) || attempt > 50) return candidate;
        }

        static bool IsFree(int port)
        {
            try
            {
                using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
