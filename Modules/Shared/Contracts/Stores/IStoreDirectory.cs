namespace RetailPerformer.Shared.Contracts.Stores;

/// <param name="DeletedAt">When the store was deleted (null while active): KPI is accepted for days up to then only.</param>
public sealed record StoreSummary(Guid Id, string Name, string Location, string? Address, bool Active, DateTime? DeletedAt);

/// <summary>Implemented by the Stores module: what other modules may know about a tenant's stores.</summary>
public interface IStoreDirectory
{
    Task<StoreSummary?> FindAsync(Guid tenantId, Guid storeId, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="storeIds"/> that are not stores of the tenant.</summary>
    Task<IReadOnlyList<Guid>> UnknownAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's stores whose <c>external_id</c> is <paramref name="externalId"/> (compared as stored: canonical, NFC):
    /// at most one active (a unique index), then any deleted ones, newest deletion first.
    /// </summary>
    Task<IReadOnlyList<StoreSummary>> FindByExternalIdAsync(Guid tenantId, string externalId, CancellationToken cancellationToken);

    /// <summary>The tenant's stores (active or not), by name; only <paramref name="only"/> when it is not null.</summary>
    Task<IReadOnlyList<StoreSummary>> ListAsync(Guid tenantId, IReadOnlySet<Guid>? only, CancellationToken cancellationToken);
}
