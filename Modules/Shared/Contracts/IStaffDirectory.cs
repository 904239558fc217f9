namespace RetailPerformer.Shared.Contracts;

public sealed record StaffMember(Guid Id, Guid StoreId, string Role, string Name, string Email, string Status);

/// <summary>Implemented by the Users module: what other modules may know about, and do to, a store's people.</summary>
public interface IStaffDirectory
{
    /// <summary>Managers and sellers of these stores who are not deleted, by name — one query whatever the number of stores.</summary>
    Task<IReadOnlyList<StaffMember>> ListByStoresAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, CancellationToken cancellationToken);

    /// <summary>Suspends the store's active staff inside the caller's transaction (a store's soft delete); returns how many.</summary>
    Task<int> SuspendStoreStaffAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, Guid tenantId, Guid storeId,
        CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="sellerIds"/> that are not sellers of that store (whatever their status).</summary>
    Task<IReadOnlyList<Guid>> NotSellersOfStoreAsync(Guid tenantId, Guid storeId, IReadOnlyCollection<Guid> sellerIds, CancellationToken cancellationToken);

    /// <summary>A seller of the tenant (whatever their status), or null.</summary>
    Task<StaffMember?> FindSellerAsync(Guid tenantId, Guid sellerId, CancellationToken cancellationToken);
}
