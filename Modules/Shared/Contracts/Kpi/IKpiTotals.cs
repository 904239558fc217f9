namespace RetailPerformer.Shared.Contracts.Kpi;

public sealed record KpiTotals(decimal Ca, long Ventes, long Articles, long Prospects)
{
    public static readonly KpiTotals Zero = new(0, 0, 0, 0);
    public KpiTotals Plus(KpiTotals other) => new(Ca + other.Ca, Ventes + other.Ventes, Articles + other.Articles, Prospects + other.Prospects);
}

/// <summary>Implemented by the Kpi module: sums of the KPI of some stores over a period (inclusive).</summary>
public interface IKpiTotals
{
    /// <summary>One entry per store that has KPI in the period; stores without any are absent.</summary>
    Task<IReadOnlyDictionary<Guid, KpiTotals>> ByStoreAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start, DateOnly end,
        CancellationToken cancellationToken);

    /// <summary>Which sellers have KPI on which day in these stores over the period (coverage: did last night's data arrive).</summary>
    Task<IReadOnlyList<(Guid StoreId, DateOnly Day, Guid SellerId)>> SellerDaysAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start,
        DateOnly end, CancellationToken cancellationToken);

    /// <summary>The CA of these stores together, day by day over the period (days without KPI absent): the console's chart.</summary>
    Task<IReadOnlyList<(DateOnly Day, decimal Ca)>> DailyCaAsync(Guid tenantId, IReadOnlyCollection<Guid> storeIds, DateOnly start, DateOnly end,
        CancellationToken cancellationToken);
}
