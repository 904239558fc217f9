using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RetailPerformer.Shared.Data;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>Statement timeouts are PostgreSQL's (statement_timeout), not a client-side timer on every read.</summary>
public sealed class DatabaseSessionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_hosts_sessions_carry_a_server_side_statement_timeout_and_no_client_timer()
    {
        api.Client(); // starts the host
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand("SHOW statement_timeout");
        (await command.ExecuteScalarAsync()).ShouldBe("30s");
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).CommandTimeout.ShouldBe(0);
    }

    [Fact]
    public async Task An_explicit_command_timeout_in_the_connection_string_is_kept()
    {
        var configured = new NpgsqlConnectionStringBuilder(await TestDatabase.DatabaseAsync("rp_session_" + Guid.NewGuid().ToString("N")[..12]))
        {
            CommandTimeout = 7,
        };
        await using var dataSource = DatabaseSetup.BuildDataSource(configured.ConnectionString);
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).CommandTimeout.ShouldBe(7);
        await using var command = dataSource.CreateCommand("SHOW statement_timeout");
        (await command.ExecuteScalarAsync()).ShouldBe("0");
    }

    [Fact]
    public async Task An_explicit_statement_timeout_in_the_connection_options_is_kept()
    {
        var configured = new NpgsqlConnectionStringBuilder(await TestDatabase.DatabaseAsync("rp_session_" + Guid.NewGuid().ToString("N")[..12]))
        {
            Options = "-c statement_timeout=45000",
        };
        await using var dataSource = DatabaseSetup.BuildDataSource(configured.ConnectionString);
        await using var command = dataSource.CreateCommand("SHOW statement_timeout");
        (await command.ExecuteScalarAsync()).ShouldBe("45s");
    }
}
