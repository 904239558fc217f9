using Npgsql;
using RetailPerformer.Shared.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Users.Data;

/// <summary>
/// Migration 0004 makes a person's external_id unique per tenant among people who are not deleted. A database that
/// already holds duplicates must still upgrade: the earliest created person keeps the id, the others lose it and what
/// they had is kept in users.external_id_conflicts (nothing silently dropped); deleted people and other tenants are untouched.
/// </summary>
public sealed class UniqueExternalIdMigrationTests
{
    [Fact]
    public async Task Duplicates_already_there_are_set_aside_with_a_record_and_the_unique_index_is_created()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.DatabaseAsync("rp_external_ids_" + Guid.NewGuid().ToString("N")[..12]));
        var migrations = new ModuleMigrations("users", typeof(RetailPerformer.Users.UsersModule).Assembly).Load();
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var migration in migrations.Where(m => m.Version < 4)) await Execute(connection, migration.Sql);

        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (first, second, third, deleted, otherTenant) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await Execute(connection, $"""
            INSERT INTO users.users (tenant_id, id, role, name, email, email_normalized, external_id, status, security_stamp, created_at) VALUES
              ('{tenant}', '{first}',  'seller', 'First',  'a@x.test', 'a@x.test', 'EMP_1', 'active',    's', now() - interval '3 days'),
              ('{tenant}', '{second}', 'seller', 'Second', 'b@x.test', 'b@x.test', 'EMP_1', 'suspended', 's', now() - interval '2 days'),
              ('{tenant}', '{third}',  'manager','Third',  'c@x.test', 'c@x.test', 'EMP_1', 'active',    's', now() - interval '1 day'),
              ('{tenant}', '{deleted}','seller', 'Gone',   'd@x.test', 'd@x.test', 'EMP_1', 'deleted',   's', now() - interval '9 days'),
              ('{other}',  '{otherTenant}', 'seller', 'Elsewhere', 'e@x.test', 'e@x.test', 'EMP_1', 'active', 's', now())
            """);

        await Execute(connection, migrations.Single(m => m.Version == 4).Sql);

        (await ExternalId(connection, first)).ShouldBe("EMP_1");
        (await ExternalId(connection, second)).ShouldBeNull();
        (await ExternalId(connection, third)).ShouldBeNull();
        (await ExternalId(connection, deleted)).ShouldBe("EMP_1");
        (await ExternalId(connection, otherTenant)).ShouldBe("EMP_1");
        await using (var conflicts = new NpgsqlCommand("SELECT user_id, external_id FROM users.external_id_conflicts ORDER BY user_id", connection))
        await using (var reader = await conflicts.ExecuteReaderAsync())
        {
            var rows = new List<(Guid, string)>();
            while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetString(1)));
            rows.ShouldBe(new[] { (second, "EMP_1"), (third, "EMP_1") }.OrderBy(r => r.Item1).ToList());
        }
        var duplicate = await Should.ThrowAsync<PostgresException>(() => Execute(connection,
            $"UPDATE users.users SET external_id = 'EMP_1' WHERE tenant_id = '{tenant}' AND id = '{second}'"));
        duplicate.ConstraintName.ShouldBe("users_live_external_id");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ExternalId(NpgsqlConnection connection, Guid id)
    {
        await using var command = new NpgsqlCommand("SELECT external_id FROM users.users WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
        return await command.ExecuteScalarAsync() as string;
    }
}
