using Dapper;
using Npgsql;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// Transaction-scoped advisory locks on a store, the agreement between the Stores module (which deletes stores) and
/// the Users module (which adds people to them and reactivates them) without either touching the other's tables:
/// adding or reactivating a person holds the store's lock shared, deleting the store holds it exclusively. A deletion
/// therefore waits for the additions in flight and then suspends them too; an addition that comes after the deletion
/// waits for it and then sees the store deleted. Released at commit or rollback (safe behind PgBouncer's transaction
/// pooling, unlike session locks).
/// </summary>
public static class StoreLocks
{
    // The two-integer form of advisory locks: its own key space, apart from the migration runner's bigint lock.
    private const int Namespace = 0x52500001;

    public static Task ShareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid storeId) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock_shared(@Namespace, @key)", new { Namespace, key = KeyOf(storeId) }, transaction);

    public static Task ExclusiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid storeId) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Namespace, @key)", new { Namespace, key = KeyOf(storeId) }, transaction);

    /// <summary>32 bits of the id; two stores sharing a key only wait for each other's deletions.</summary>
    private static int KeyOf(Guid storeId) => storeId.GetHashCode();
}
