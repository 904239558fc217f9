using Npgsql;
using RetailPerformer.Shared.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Activity.Data;

/// <summary>
/// Migration 0002 moves a log kept one row per request into blocks (one per key and day) and hourly counts: every
/// request comes back, field for field and in order, through <c>activity.requests</c>, and the counts are the rows'.
/// </summary>
public sealed class RequestBlocksMigrationTests
{
    [Fact]
    public async Task Rows_logged_one_per_request_come_back_identical_from_the_blocks_and_are_counted_per_hour()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.DatabaseAsync("rp_blocks_" + Guid.NewGuid().ToString("N")[..12]));
        var migrations = new ModuleMigrations("activity", typeof(RetailPerformer.Activity.ActivityModule).Assembly).Load();
        await using var connection = await dataSource.OpenConnectionAsync();
        await Execute(connection, migrations.Single(m => m.Version == 1).Sql);
        var (tenant, key, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var store = Guid.NewGuid();
        await Execute(connection, $$"""
            INSERT INTO activity.requests (tenant_id, at, key_id, method, route, path_ids, status, duration_ms, detail, client, user_agent, request_id) VALUES
              ('{{tenant}}', '2026-11-20 23:59:59.123456+00', '{{key}}', 'GET',  '/api/v1/integrations/me', '{}', 200, 1.5, NULL, '203.0.113.7', 'n8n', 'r1'),
              ('{{tenant}}', '2026-11-21 02:00:00.5+00',      '{{key}}', 'POST', '/api/v1/integrations/kpi/sync', '{}', 404, 7.25, 'Sellers not found in store x: y', '203.0.113.7', NULL, 'r2'),
              ('{{tenant}}', '2026-11-21 02:00:01+00',        '{{key}}', 'GET',  '/api/v1/integrations/stores/{store_id}', '{{{store}}}', 200, 2, NULL, NULL, 'curl "quoted"', 'r3'),
              ('{{tenant}}', '2026-11-21 02:30:00+00',        '{{other}}', 'GET', '/api/v1/integrations/me', '{}', 401, 0.5, 'API key revoked', '198.51.100.1', NULL, 'r4')
            """);
        await using (var before = new NpgsqlCommand("CREATE TEMP TABLE before AS SELECT * FROM activity.requests", connection)) await before.ExecuteNonQueryAsync();

        await Execute(connection, migrations.Single(m => m.Version == 2).Sql);

        (await Scalar(connection, "SELECT count(*) FROM activity.request_blocks")).ShouldBe(3);   // two days of one key, one of the other
        (await Scalar(connection, """
            SELECT count(*) FROM before b FULL JOIN activity.requests r ON r.request_id = b.request_id
            WHERE r IS NULL OR b IS NULL OR (r.tenant_id, r.key_id, r.at, r.method, r.route, r.status, r.duration_ms, r.client, r.request_id)
                                       IS DISTINCT FROM (b.tenant_id, b.key_id, b.at, b.method, b.route, b.status, b.duration_ms, b.client, b.request_id)
               OR r.detail IS DISTINCT FROM b.detail OR r.user_agent IS DISTINCT FROM b.user_agent OR r.path_ids <> array_to_string(b.path_ids, ',')
            """)).ShouldBe(0);
        (await Scalar(connection, "SELECT sum(count) FROM activity.request_counts")).ShouldBe(4);
        (await Scalar(connection, $"SELECT count FROM activity.request_counts WHERE key_id = '{key}' AND hour = '2026-11-21 02:00+00' AND status = 404")).ShouldBe(1);
        (await Scalar(connection, $"SELECT errors FROM activity.request_blocks WHERE key_id = '{key}' AND first_at >= '2026-11-21'")).ShouldBe(1);
        (await Scalar(connection, $"SELECT cardinality(pair_counts) FROM activity.request_blocks WHERE key_id = '{key}' AND first_at >= '2026-11-21'")).ShouldBe(2);
        (await Scalar(connection, "SELECT count(*) FROM pg_class WHERE relname = 'requests' AND relkind = 'v'")).ShouldBe(1);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
