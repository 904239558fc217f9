namespace RetailPerformer.Stores.Data;

internal static class StoreQueries
{
    public static Task<StoreRow?> FindAsync(NpgsqlConnection connection, Guid tenantId, Guid storeId, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<StoreRow>(
            $"SELECT {StoreRow.Columns} FROM stores.stores WHERE tenant_id = @tenantId AND id = @storeId", new { tenantId, storeId }, transaction);
}
