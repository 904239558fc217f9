using Npgsql;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// Connections straight to PostgreSQL (<c>ConnectionStrings:RetailPerformerDirect</c>; the main connection string when
/// absent) for what a pooler in transaction mode (PgBouncer) cannot carry from one statement to the next: <c>LISTEN</c>,
/// session advisory locks (migrations, the first data-protection key) and the migrations' own session settings.
/// Unpooled: these sessions are few and long, or rare.
/// </summary>
public sealed class DirectDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public const string ConnectionStringName = "RetailPerformerDirect";

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
