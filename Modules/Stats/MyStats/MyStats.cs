using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Contracts.Kpi;
using RetailPerformer.Shared.Contracts.Stores;

namespace RetailPerformer.Stats.MyStats;

public sealed record MyStatsRequest : IPeriodQuery
{
    [Required, ApiFormat(ApiFormatAttribute.Date), Microsoft.AspNetCore.Mvc.FromQuery(Name = "start_date")] public string? StartDate { get; init; }
    [Required, ApiFormat(ApiFormatAttribute.Date), Microsoft.AspNetCore.Mvc.FromQuery(Name = "end_date")] public string? EndDate { get; init; }
}

public sealed record StatsPeriod(DateOnly Start, DateOnly End);

/// <summary>
/// The guide's metrics, plus <c>total_prospects</c> and <c>taux_transformation</c> (= ventes / prospects × 100,
/// null without prospects), which the guide defines.
/// </summary>
public sealed record StatsMetrics(
    decimal TotalCa, long TotalVentes, long TotalArticles, decimal AverageBasket, long TotalProspects, decimal? TauxTransformation)
{
    internal static StatsMetrics From(KpiTotals totals) => new(
        Math.Round(totals.Ca, 2, MidpointRounding.AwayFromZero),
        totals.Ventes,
        totals.Articles,
        totals.Ventes == 0 ? 0m : Math.Round(totals.Ca / totals.Ventes, 2, MidpointRounding.AwayFromZero),
        totals.Prospects,
        totals.Prospects == 0 ? null : Math.Round(100m * totals.Ventes / totals.Prospects, 2, MidpointRounding.AwayFromZero));
}

public sealed record StoreStats(Guid StoreId, string StoreName, bool Active, StatsMetrics Metrics);

public sealed record MyStatsResponse(StatsPeriod Period, IReadOnlyList<StoreStats> Stores, StatsMetrics TotalAllStores);

internal sealed class MyStatsValidator : AbstractValidator<MyStatsRequest>
{
    /// <summary>Ten years: more than any dashboard asks, and a bound on what one request may read.</summary>
    public const int MaximumDays = 3660;

    public MyStatsValidator() => this.ValidPeriod(MaximumDays);
}

internal static class MyStatsEndpoint
{
    /// <summary>The seeds' answer (integration guide v1.2), for the reference page.</summary>
    public const string ResponseExample = """
        {"period": {"start": "2025-01-01", "end": "2025-01-31"},
         "stores": [{"store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "store_name": "Skyco Paris Centre", "active": true,
                     "metrics": {"total_ca": 107359.70, "total_ventes": 833, "total_articles": 1417, "average_basket": 128.88,
                                 "total_prospects": 2450, "taux_transformation": 34.00}}],
         "total_all_stores": {"total_ca": 107359.70, "total_ventes": 833, "total_articles": 1417, "average_basket": 128.88,
                              "total_prospects": 2450, "taux_transformation": 34.00}}
        """;

    public static void MapMyStats(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/my-stats", Handle)
            .RequireApiKey(Scopes.StatsRead)
            .Validate<MyStatsRequest>()
            .WithExample(null, ResponseExample)
            .WithName(family.Name("MyStats"))
            .WithSummary("Statistics of my stores over a period")
            .WithDescription("""
                `start_date` and `end_date` (YYYY-MM-DD between 1900-01-01 and 2999-12-31, inclusive, both required, start ≤ end, at most 3660 days). One entry per store the key reaches — stores
                without KPI in the period included with zeros, deleted stores included with `active: false` — and `total_all_stores`.
                `total_ca` and `average_basket` (= total_ca / total_ventes, 0 without sales) to 2 decimals. 404 when the key reaches no store.
                """)
            .DocumentsInvalidField("start_date", PeriodRules.StartAfterEnd)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.NoAccessibleStore);

    private static async Task<Results<Ok<MyStatsResponse>, ProblemHttpResult>> Handle(
        [AsParameters] MyStatsRequest request, ApiKeyCaller caller, [FromKeyedServices(StandbyReads.Key)] IStoreDirectory stores, [FromKeyedServices(StandbyReads.Key)] IKpiTotals kpi,
        CancellationToken cancellationToken)
    {
        var (start, end) = PeriodRules.Of(request);
        var reachable = await stores.ListAsync(caller.TenantId, caller.AllowedStoreIds, cancellationToken);
        if (reachable.Count == 0) return Problems.NotFound(ProblemMessages.NoAccessibleStore);
        var totals = await kpi.ByStoreAsync(caller.TenantId, reachable.Select(s => s.Id).ToList(), start, end, cancellationToken);

        var all = KpiTotals.Zero;
        var perStore = new List<StoreStats>(reachable.Count);
        foreach (var store in reachable)
        {
            var storeTotals = totals.GetValueOrDefault(store.Id, KpiTotals.Zero);
            all = all.Plus(storeTotals);
            perStore.Add(new StoreStats(store.Id, store.Name, store.Active, StatsMetrics.From(storeTotals)));
        }
        return TypedResults.Ok(new MyStatsResponse(new StatsPeriod(start, end), perStore, StatsMetrics.From(all)));
    }
}
