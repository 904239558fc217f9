using RetailPerformer.Shared.Data;

namespace RetailPerformer.Shared.Contracts.Users;

/// <param name="DeletedAt">When the person was deleted: their KPI is accepted for days up to then only.</param>
public sealed record StaffMember(Guid Id, Guid StoreId, string Role, string Name, string Email, string Status, DateTime? DeletedAt);

/// <summary>Where a person of the tenant works: their store, or none (a gérant).</summary>
public sealed record PersonPlace(Guid Id, Guid? StoreId);

/// <summary>Implemented by the Users module: what other modules may know about, and do to, a store's people.</summary>
public interface IStaffDirectory
{
    /// <summary>Managers and sellers of these stores who are not deleted, by name — one query whatever the number of stores.</summary>
    Task<IReadOnlyList<StaffMember>> ListByStoresAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, CancellationToken cancellationToken);

    /// <summary>Suspends the store's active staff inside the caller's transaction (a store's soft delete); returns how many.</summary>
    Task<int> SuspendStoreStaffAsync(SharedTransaction transaction, Guid tenantId, Guid storeId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="sellerIds"/> who are sellers of that store (whatever their status); the others are absent.</summary>
    Task<IReadOnlyList<StaffMember>> SellersOfStoreAsync(Guid tenantId, Guid storeId, IReadOnlyCollection<Guid> sellerIds, CancellationToken cancellationToken);

    /// <summary>A person of the tenant (whatever their role and status), or null: what the store restriction needs.</summary>
    Task<PersonPlace?> FindPlaceAsync(Guid tenantId, Guid personId, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's sellers (whatever their status and store) whose <c>external_id</c> is one of <paramref name="externalIds"/>
    /// (compared as stored: canonical, NFC): at most one not deleted per id (a unique index), then deleted ones.
    /// </summary>
    Task<IReadOnlyList<(string ExternalId, StaffMember Seller)>> SellersByExternalIdAsync(
        Guid tenantId, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken);

    /// <summary>A seller of the tenant (whatever their status), or null.</summary>
    Task<StaffMember?> FindSellerAsync(Guid tenantId, Guid sellerId, CancellationToken cancellationToken);
}
