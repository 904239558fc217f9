using Npgsql;
using RetailPerformer.LocalPostgres;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host on a primary of its own with a hot standby streaming from it (<c>pg_basebackup</c>), the standby serving the
/// reads that tolerate lag through <c>ConnectionStrings:RetailPerformerStandby</c> (multi-host, <c>prefer-standby</c>).
/// Both clusters are throwaway, started here and removed at the end.
/// </summary>
public sealed class StandbyApiFactory : ApiFactory
{
    // Not CreateTempSubdirectory (owner-only): as root, the clusters run as postgres, who must get through this folder.
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"rp-standby-{Guid.NewGuid():N}")).FullName;
    private string _standbyConnectionString = "";

    public LocalPostgresCluster Primary { get; private set; } = null!;
    public LocalPostgresCluster Standby { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"ConnectionStrings:{StandbyReads.ConnectionStringName}"] = _standbyConnectionString,
    };

    protected internal override async Task<string> ConnectionStringAsync()
    {
        Primary = await LocalPostgresCluster.StartAsync(Path.Combine(_folder, "primary"), port: 0, databaseName: "rp_standby", durable: false);
        Standby = await Primary.StartStandbyAsync(Path.Combine(_folder, "standby"));
        _standbyConnectionString = new NpgsqlConnectionStringBuilder(Primary.ConnectionString)
        {
            Host = $"127.0.0.1:{Standby.Port},127.0.0.1:{Primary.Port}",
            TargetSessionAttributes = "prefer-standby",
        }.ConnectionString;
        return Primary.ConnectionString;
    }

    /// <summary>Runs <paramref name="sql"/> on the standby itself (replay pause and resume, its own view).</summary>
    public async Task<T?> OnStandbyAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Standby.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync();
    }

    /// <summary>Starts the standby again (after a test stopped it) on its data and port: it resumes streaming where it stopped.</summary>
    public async Task RestartStandbyAsync() =>
        Standby = await LocalPostgresCluster.StartAsync(Standby.DataDirectory, Standby.Port, "rp_standby", durable: false);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Standby is not null) await Standby.StopAsync();
        if (Primary is not null) await Primary.StopAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
