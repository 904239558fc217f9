using RetailPerformer.Shared.Contracts.Stores;

namespace RetailPerformer.Stores.Provides;

internal sealed class StoreDirectory(NpgsqlDataSource dataSource) : IStoreDirectory
{
    private const string SummaryColumns = "id, name, location, address, active, deleted_at";

    public async Task<StoreSummary?> FindAsync(Guid tenantId, Guid storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoreSummary>(
            $"SELECT {SummaryColumns} FROM stores.stores WHERE tenant_id = @tenantId AND id = @storeId", new { tenantId, storeId });
    }

    public async Task<IReadOnlyList<StoreSummary>> FindByExternalIdAsync(Guid tenantId, string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var stores = await connection.QueryAsync<StoreSummary>($"""
            SELECT {SummaryColumns} FROM stores.stores
            WHERE tenant_id = @tenantId AND external_id = {UserText.NfcSql("@externalId")}
            ORDER BY active DESC, deleted_at DESC NULLS LAST, id
            """, new { tenantId, externalId = UserText.Canonical(externalId) });
        return stores.ToList();
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
        // Typed getters rather than Dapper: this runs on every my-stores and my-stats request.
        await using var command = dataSource.CreateCommand($"""
            SELECT {SummaryColumns} FROM stores.stores
            WHERE tenant_id = $1 AND ($2 OR id = ANY($3))
            ORDER BY name, id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = only is null });
        command.Parameters.Add(new NpgsqlParameter { Value = only?.ToArray() ?? [] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stores = new List<StoreSummary>();
        while (await reader.ReadAsync(cancellationToken))
            stores.Add(new StoreSummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetDateTime(5)));
        return stores;
    }
}
