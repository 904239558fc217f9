using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace RetailPerformer.Shared.Data;

public static class DatabaseSetup
{
    /// <summary>One <see cref="NpgsqlDataSource"/> (one pool) for the whole host, and the migration runner.</summary>
    public static IServiceCollection AddRetailPerformerDatabase(this IServiceCollection services, string connectionString)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddHostedService<MigrationRunner>();
        return services;
    }

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
