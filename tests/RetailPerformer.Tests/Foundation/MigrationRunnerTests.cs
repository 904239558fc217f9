using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RetailPerformer.Shared.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>
/// The runner against a real database of its own, with a pretend module embedded in this test assembly
/// (Migrations/0001_create_table.sql, Migrations/0002_fails_on_purpose.sql).
/// </summary>
public sealed class MigrationRunnerTests
{
    private static async Task<NpgsqlDataSource> FreshDatabase() =>
        NpgsqlDataSource.Create(await TestDatabase.DatabaseAsync("rp_migrations_" + Guid.NewGuid().ToString("N")[..12]));

    // The runner's own connection: a direct one, not owned here (the test disposes the data source).
    private static MigrationRunner Runner(NpgsqlDataSource dataSource, params ModuleMigrations[] modules) =>
        new(new DirectDatabase(dataSource), modules, NullLogger<MigrationRunner>.Instance);

    private static readonly ModuleMigrations Pretend = new("pretend", typeof(MigrationRunnerTests).Assembly);

    [Fact]
    public async Task A_failing_migration_stops_start_up_naming_it_and_leaves_nothing_half_applied()
    {
        await using var dataSource = await FreshDatabase();

        var failure = await Should.ThrowAsync<MigrationFailedException>(() => Runner(dataSource, Pretend).RunAsync(CancellationToken.None));

        failure.Migration.ShouldBe("pretend/0002_fails_on_purpose");
        failure.Message.ShouldContain("pretend/0002_fails_on_purpose");
        await using var connection = await dataSource.OpenConnectionAsync();
        // 0001 committed and recorded; 0002's own insert rolled back with it.
        (await Count(connection, "SELECT count(*) FROM rp_meta.schema_migrations WHERE module = 'pretend'")).ShouldBe(1);
        (await Count(connection, "SELECT count(*) FROM pretend.things")).ShouldBe(0);
    }

    [Fact]
    public async Task Waiting_for_another_hosts_migrations_is_not_cut_short_by_the_statement_timeout()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await TestDatabase.DatabaseAsync("rp_migrations_" + Guid.NewGuid().ToString("N")[..12]))
        {
            Options = "-c statement_timeout=200",
        }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var users = new ModuleMigrations("users", typeof(RetailPerformer.Users.UsersModule).Assembly);

        // Another host holds the migration lock for longer than a statement may run.
        await using var otherHost = await dataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationRunner.AdvisoryLockKey})", otherHost))
            await take.ExecuteNonQueryAsync();
        var migrating = Runner(dataSource, users).RunAsync(CancellationToken.None);
        await Task.Delay(1000);
        migrating.IsCompleted.ShouldBeFalse();
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationRunner.AdvisoryLockKey})", otherHost))
            await release.ExecuteNonQueryAsync();

        await migrating;
        await using var connection = await dataSource.OpenConnectionAsync();
        (await Count(connection, "SELECT count(*) FROM rp_meta.schema_migrations WHERE module = 'users'")).ShouldBe(users.Load().Count);
    }

    [Fact]
    public async Task Hosts_migrating_at_once_apply_each_migration_exactly_once()
    {
        await using var dataSource = await FreshDatabase();
        var modules = new[] { new ModuleMigrations("users", typeof(RetailPerformer.Users.UsersModule).Assembly),
                              new ModuleMigrations("stores", typeof(RetailPerformer.Stores.StoresModule).Assembly) };

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Runner(dataSource, modules).RunAsync(CancellationToken.None))));
        await Runner(dataSource, modules).RunAsync(CancellationToken.None);

        await using var connection = await dataSource.OpenConnectionAsync();
        var expected = modules.Sum(m => m.Load().Count);
        (await Count(connection, "SELECT count(*) FROM rp_meta.schema_migrations")).ShouldBe(expected);
    }

    [Fact]
    public async Task A_database_that_applied_a_migration_under_another_name_refuses_to_start()
    {
        await using var dataSource = await FreshDatabase();
        var users = new ModuleMigrations("users", typeof(RetailPerformer.Users.UsersModule).Assembly);
        await Runner(dataSource, users).RunAsync(CancellationToken.None);
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var rename = new NpgsqlCommand("UPDATE rp_meta.schema_migrations SET name = 'something_else' WHERE module = 'users' AND version = 1", connection))
            await rename.ExecuteNonQueryAsync();

        var failure = await Should.ThrowAsync<MigrationFailedException>(() => Runner(dataSource, users).RunAsync(CancellationToken.None));
        failure.Message.ShouldContain("something_else");
    }

    private static async Task<long> Count(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
