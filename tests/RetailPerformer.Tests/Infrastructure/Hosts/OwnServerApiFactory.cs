using RetailPerformer.LocalPostgres;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host on a PostgreSQL server of its own, which the test stops and starts again.</summary>
public sealed class OwnServerApiFactory : ApiFactory
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rp-tests-ready-" + Guid.NewGuid().ToString("N")[..12]);
    public LocalPostgresCluster Cluster { get; private set; } = null!;

    protected internal override async Task<string> ConnectionStringAsync()
    {
        Cluster = await LocalPostgresCluster.StartAsync(_directory, 0, "rp_ready", durable: false);
        return Cluster.ConnectionString;
    }

    public async Task RestartServerAsync() =>
        Cluster = await LocalPostgresCluster.StartAsync(_directory, Cluster.Port, "rp_ready", durable: false);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Cluster.StopAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
