using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// Applies every module's migrations at start-up, before the server accepts requests. Several hosts may
/// start at once: a session advisory lock lets one of them migrate while the others wait, and the
/// record in <c>rp_meta.schema_migrations</c> makes each migration run once. Each migration runs in its
/// own transaction; a failing one stops start-up with its name.
/// </summary>
public sealed class MigrationRunner(DirectDatabase dataSource, IEnumerable<ModuleMigrations> modules, ILogger<MigrationRunner> logger)
    : IHostedService
{
    /// <summary>Arbitrary but fixed: the advisory lock every host of this product takes to migrate.</summary>
    public const long AdvisoryLockKey = 0x52505f4d49475241; // "RP_MIGRA"

    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Waiting for another host's migrations, or migrating a large table, may take longer than requests may.
        await Execute(connection, "SET statement_timeout = 0", cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await Execute(connection, """
                CREATE SCHEMA IF NOT EXISTS rp_meta;
                CREATE TABLE IF NOT EXISTS rp_meta.schema_migrations (
                    module     text        NOT NULL,
                    version    int         NOT NULL,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (module, version));
                """, cancellationToken);

            foreach (var module in modules)
            {
                var applied = new Dictionary<int, string>();
                await using (var read = new NpgsqlCommand("SELECT version, name FROM rp_meta.schema_migrations WHERE module = $1", connection))
                {
                    read.Parameters.AddWithValue(module.Module);
                    await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken)) applied[reader.GetInt32(0)] = reader.GetString(1);
                }

                var migrations = module.Load();
                // An applied migration whose file was renamed or replaced means this database and this build disagree
                // about the schema: refuse to start rather than run on a schema nobody wrote.
                var replaced = migrations.FirstOrDefault(m => applied.TryGetValue(m.Version, out var name) && name != m.Name);
                if (replaced is not null)
                    throw new MigrationFailedException($"{module.Module}/{replaced.Version:D4}_{replaced.Name}",
                        new InvalidOperationException($"this database applied version {replaced.Version} as '{applied[replaced.Version]}'"));

                foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
                {
                    var label = $"{module.Module}/{migration.Version:D4}_{migration.Name}";
                    try
                    {
                        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                        await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
                            await apply.ExecuteNonQueryAsync(cancellationToken);
                        await using (var record = new NpgsqlCommand(
                                         "INSERT INTO rp_meta.schema_migrations (module, version, name) VALUES ($1, $2, $3)",
                                         connection, transaction))
                        {
                            record.Parameters.AddWithValue(module.Module);
                            record.Parameters.AddWithValue(migration.Version);
                            record.Parameters.AddWithValue(migration.Name);
                            await record.ExecuteNonQueryAsync(cancellationToken);
                        }
                        await transaction.CommitAsync(cancellationToken);
                        logger.LogInformation("Applied migration {Migration}", label);
                    }
                    catch (PostgresException ex)
                    {
                        throw new MigrationFailedException(label, ex);
                    }
                }
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
