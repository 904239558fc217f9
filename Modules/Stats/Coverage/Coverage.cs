using RetailPerformer.Shared.Contracts.Kpi;
using RetailPerformer.Shared.Contracts.Stores;
using RetailPerformer.Shared.Contracts.Users;
using RetailPerformer.Stats.MyStats;

namespace RetailPerformer.Stats.Coverage;

public sealed record CoverageRequest : IPeriodQuery
{
    [Required, ApiFormat(ApiFormatAttribute.Date), Microsoft.AspNetCore.Mvc.FromQuery(Name = "start_date")] public string? StartDate { get; init; }
    [Required, ApiFormat(ApiFormatAttribute.Date), Microsoft.AspNetCore.Mvc.FromQuery(Name = "end_date")] public string? EndDate { get; init; }
}

/// <param name="Complete">Every day of every store complete: what a nightly workflow checks before it reports success.</param>
public sealed record CoverageResponse(StatsPeriod Period, bool Complete, IReadOnlyList<StoreCoverage> Stores);

/// <param name="ActiveSellers">The store's sellers who are active now: those expected to send.</param>
public sealed record StoreCoverage(Guid StoreId, string StoreName, int ActiveSellers, IReadOnlyList<DayCoverage> Days);

/// <param name="KpiReceived">At least one seller's KPI arrived for the day.</param>
/// <param name="SellersSent">How many sellers' KPI arrived (suspended ones included: they may have worked that day).</param>
/// <param name="Complete">Every active seller's KPI arrived.</param>
/// <param name="MissingSellers">The active sellers whose KPI did not arrive.</param>
public sealed record DayCoverage(DateOnly Date, bool KpiReceived, int SellersSent, bool Complete, IReadOnlyList<MissingSeller> MissingSellers);

public sealed record MissingSeller(Guid Id, string Name);

internal sealed class CoverageValidator : AbstractValidator<CoverageRequest>
{
    /// <summary>A quarter: a day-by-day answer for every store and seller grows with the period.</summary>
    public const int MaximumDays = 92;

    public CoverageValidator() => this.ValidPeriod(MaximumDays);
}

internal static class CoverageEndpoint
{
    public const string ResponseExample = """
        {"period": {"start": "2025-11-26", "end": "2025-11-26"}, "complete": false,
         "stores": [{"store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "store_name": "Skyco Marseille", "active_sellers": 2,
                     "days": [{"date": "2025-11-26", "kpi_received": true, "sellers_sent": 1, "complete": false,
                               "missing_sellers": [{"id": "9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11", "name": "Camille Robert"}]}]}]}
        """;

    public static void MapCoverage(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/coverage", Handle)
            .RequireApiKey(Scopes.StatsRead, Scopes.KpiWrite)
            .Validate<CoverageRequest>()
            .WithExample(null, ResponseExample)
            .WithName(family.Name("Coverage"))
            .WithSummary("Did the KPI arrive? Per store and day")
            .WithDescription("""
                For every active store the key reaches and every day of the period (`start_date`, `end_date`, YYYY-MM-DD, inclusive, at most 92 days):
                whether KPI arrived, how many sellers sent, and which of the store's active sellers did not. `complete` is true when every day of every
                store is: a nightly workflow checks yesterday this way before it reports success. A key with `stats:read` or `kpi:write` may ask.
                404 when the key reaches no active store.
                """)
            .DocumentsInvalidField("start_date", PeriodRules.StartAfterEnd)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.NoAccessibleStore);

    private static async Task<Results<Ok<CoverageResponse>, ProblemHttpResult>> Handle(
        [AsParameters] CoverageRequest request, ApiKeyCaller caller, IStoreDirectory stores, IStaffDirectory staff, IKpiTotals kpi,
        CancellationToken cancellationToken)
    {
        var (start, end) = PeriodRules.Of(request);
        var reachable = (await stores.ListAsync(caller.TenantId, caller.AllowedStoreIds, cancellationToken)).Where(s => s.Active).ToList();
        if (reachable.Count == 0) return Problems.NotFound(ProblemMessages.NoAccessibleStore);
        var storeIds = reachable.Select(s => s.Id).ToList();
        var sellers = (await staff.ListByStoresAsync(caller.TenantId, storeIds, cancellationToken))
            .Where(p => p.Role == Roles.Seller && p.Status == "active").ToLookup(p => p.StoreId);
        var sent = (await kpi.SellerDaysAsync(caller.TenantId, storeIds, start, end, cancellationToken))
            .ToLookup(r => (r.StoreId, r.Day), r => r.SellerId);

        var coverage = reachable.Select(store =>
        {
            var expected = sellers[store.Id].ToList();
            var days = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(offset =>
            {
                var day = start.AddDays(offset);
                var arrived = sent[(store.Id, day)].ToHashSet();
                var missing = expected.Where(s => !arrived.Contains(s.Id)).Select(s => new MissingSeller(s.Id, s.Name)).ToList();
                return new DayCoverage(day, arrived.Count > 0, arrived.Count, missing.Count == 0, missing);
            }).ToList();
            return new StoreCoverage(store.Id, store.Name, expected.Count, days);
        }).ToList();
        return TypedResults.Ok(new CoverageResponse(new StatsPeriod(start, end), coverage.All(s => s.Days.All(d => d.Complete)), coverage));
    }
}
