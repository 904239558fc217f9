namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// Rows written straight into the database for what only sets a test up (a hundred sellers for a full batch): one
/// statement instead of a hundred HTTP calls. What a test is about still goes through HTTP.
/// </summary>
public static class Seed
{
    /// <summary><paramref name="count"/> active sellers of a store, without password or invitation, as the API would create them.</summary>
    public static async Task<Guid[]> SellersAsync(ApiFactory api, Guid tenantId, Guid storeId, Guid? managerId, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        await api.Execute("""
            INSERT INTO users.users (tenant_id, id, role, name, email, email_normalized, store_id, manager_id, security_stamp)
            SELECT $1, id, 'seller', 'Seller ' || n, 'seller-' || id || '@example.test', 'seller-' || id || '@example.test', $2, $3, md5(id::text)
            FROM unnest($4::uuid[]) WITH ORDINALITY AS s(id, n)
            """, tenantId, storeId, managerId is null ? DBNull.Value : managerId.Value, ids);
        return ids;
    }
}
