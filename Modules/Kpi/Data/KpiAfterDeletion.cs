using RetailPerformer.Shared.Contracts.Stores;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Kpi.Data;

/// <summary>
/// What no longer exists takes no new days: a deleted store, or a deleted seller, accepts KPI for days up to the
/// (UTC) day of its deletion — a late end-of-day export of that day still lands — and none after. A suspended seller's
/// days are accepted. The same rule and message on kpi/sync, the seller's entry and the manager's entry: 400.
/// </summary>
internal static class KpiAfterDeletion
{
    public static string? StoreRefusal(StoreSummary store, DateOnly date) =>
        store.DeletedAt is { } deleted && date > DateOnly.FromDateTime(deleted)
            ? $"Store {store.Id} was deleted on {deleted:yyyy-MM-dd}: it accepts KPI for days up to then only"
            : null;

    /// <summary>One seller's day (the web entries): the seller's store, then the seller.</summary>
    public static async Task<string?> RefusalAsync(IStoreDirectory stores, Guid tenantId, StaffMember seller, DateOnly date,
        CancellationToken cancellationToken) =>
        (await stores.FindAsync(tenantId, seller.StoreId, cancellationToken) is { } store ? StoreRefusal(store, date) : null)
        ?? SellersRefusal([seller], date);

    public static string? SellersRefusal(IEnumerable<StaffMember> sellers, DateOnly date)
    {
        var deleted = sellers.Where(s => s.DeletedAt is { } at && date > DateOnly.FromDateTime(at)).ToList();
        return deleted.Count == 0
            ? null
            : $"Sellers deleted before {date:yyyy-MM-dd}, whose KPI is accepted for days up to their deletion only: "
              + string.Join(", ", deleted.Select(s => $"{s.Id} (deleted on {s.DeletedAt:yyyy-MM-dd})"));
    }
}
