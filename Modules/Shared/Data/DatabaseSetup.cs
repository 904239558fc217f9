using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace RetailPerformer.Shared.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> (one pool) for the whole host — through PgBouncer in transaction mode if the
    /// connection string says so —, the direct connections (<see cref="DirectDatabase"/>), the pool for reads a standby may
    /// serve (<see cref="StandbyReads"/>) and the migration runner.
    /// </summary>
    public static IServiceCollection AddRetailPerformerDatabase(this IServiceCollection services, string connectionString,
        string? directConnectionString = null, string? standbyConnectionString = null)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddSingleton(_ => BuildDataSource(connectionString));
        services.AddKeyedSingleton(StandbyReads.Key, (provider, _) => string.IsNullOrWhiteSpace(standbyConnectionString)
            ? provider.GetRequiredService<NpgsqlDataSource>()
            : BuildDataSource(standbyConnectionString));
        services.AddSingleton(_ => new DirectDatabase(new NpgsqlDataSourceBuilder(directConnectionString ?? connectionString)
        {
            ConnectionStringBuilder = { Pooling = false },
        }.Build()));
        services.AddHostedService<MigrationRunner>();
        // The platform's own tables (the shared key ring) and settings come before every module's.
        services.AddModuleMigrations("platform", typeof(DatabaseSetup).Assembly);
        return services;
    }

    /// <summary>How long a statement may run: set on the product's role in its database by the platform's migrations.</summary>
    public static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(30);

    /// <remarks>
    /// Statement timeouts are enforced by PostgreSQL (<c>statement_timeout</c>, the role's default in the database, set by
    /// the platform's migration 0002) rather than by Npgsql's <c>Command Timeout</c>: the client-side timeout arms a timer on
    /// every network read, and under load those timers' shared lock was the largest contention of a request that reads many
    /// rows (`bench/run --only my-stores --trace my-stores`). Not a startup option either: PgBouncer in transaction mode
    /// refuses those. The server cancels the statement itself, and a request that goes away still cancels its query through
    /// the request's cancellation token. A connection string that sets a <c>Command Timeout</c> is kept as it is. A role
    /// default reaches sessions opened after it was set: on a database's first start behind PgBouncer, server sessions the
    /// pooler opened before the migration keep no timeout until it recycles them (<c>RECONNECT</c> on its console, or
    /// <c>server_lifetime</c>).
    /// </remarks>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Names(connectionString, "CommandTimeout")) builder.ConnectionStringBuilder.CommandTimeout = 0;
        // Named, so that its pool's metrics (Npgsql's meter is the process's) are told from another host's in the same process.
        var name = $"retail-performer-{Guid.NewGuid():N}";
        builder.Name = name;
        var dataSource = builder.Build();
        PoolNames.AddOrUpdate(dataSource, name);
        return dataSource;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NpgsqlDataSource, string> PoolNames = new();

    /// <summary>The pool's name in Npgsql's metrics (<c>db.client.connection.pool.name</c>), for a data source built here.</summary>
    public static string? PoolName(NpgsqlDataSource dataSource) => PoolNames.TryGetValue(dataSource, out var name) ? name : null;

    /// <summary>Whether the connection string itself sets <paramref name="keyword"/> (spaces and case aside).</summary>
    private static bool Names(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "").Equals(keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>A module declares its schema's migrations; the runner applies them in registration order.</summary>
    public static IServiceCollection AddModuleMigrations(this IServiceCollection services, string module, System.Reflection.Assembly assembly) =>
        services.AddSingleton(new ModuleMigrations(module, assembly));

    /// <summary>Failures that mean "the database cannot be reached now", as opposed to a bug.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.TooManyConnections
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException,
        System.Net.Sockets.SocketException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };
}
