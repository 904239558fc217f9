using RetailPerformer.Shared.Contracts;

namespace RetailPerformer.Stores.Directory;

internal sealed class StoreDirectory(NpgsqlDataSource dataSource) : IStoreDirectory
{
    private const string SummaryColumns = "id, name, location, address, active";

    public async Task<StoreSummary?> FindAsync(Guid tenantId, Guid storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoreSummary>(
            $"SELECT {SummaryColumns} FROM stores.stores WHERE tenant_id = @tenantId AND id = @storeId", new { tenantId, storeId });
    }

    public async Task<IReadOnlyList<Guid>> UnknownAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, CancellationToken cancellationToken)
    {
        if (storeIds.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var known = await connection.QueryAsync<Guid>(
            "SELECT id FROM stores.stores WHERE tenant_id = @tenantId AND id = ANY(@ids)", new { tenantId, ids = storeIds.ToArray() });
        return storeIds.Except(known).ToList();
    }

    public async Task<IReadOnlyList<StoreSummary>> ListAsync(Guid tenantId, IReadOnlySet<Guid>? only, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var stores = await connection.QueryAsync<StoreSummary>(
            $"""
            SELECT {SummaryColumns} FROM stores.stores
            WHERE tenant_id = @tenantId AND (@all OR id = ANY(@ids))
            ORDER BY name, id
            """,
            new { tenantId, all = only is null, ids = only?.ToArray() ?? [] });
        return stores.AsList();
    }
}
