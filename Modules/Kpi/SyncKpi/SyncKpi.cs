using RetailPerformer.Shared.Contracts.Stores;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Kpi.SyncKpi;

[RequestSchema]
public sealed record SyncKpiEntry(
    [property: Required, ApiFormat(ApiFormatAttribute.Uuid)] string? SellerId, [property: Required] decimal? CaJournalier, [property: Required] int? NbVentes,
    [property: Required] int? NbArticles, int? Prospects, DateTimeOffset? Timestamp);

[RequestSchema]
public sealed record SyncKpiRequest(
    [property: Required, ApiFormat(ApiFormatAttribute.Uuid)] string? StoreId, [property: Required, ApiFormat(ApiFormatAttribute.Date)] string? Date,
    [property: Required] List<SyncKpiEntry?>? KpiEntries, string? Source);

/// <summary>The union of the v1.0 notice's and the v1.2 guide's answers.</summary>
public sealed record SyncKpiResponse(
    string Status, string Message, int EntriesCreated, int EntriesUpdated, int Total, int SyncedEntries, Guid StoreId, DateOnly Date,
    string Source, IReadOnlyList<SyncKpiEntryResult> Entries);

public sealed record SyncKpiEntryResult(Guid SellerId, Guid KpiId, string Action);

internal sealed class SyncKpiValidator : AbstractValidator<SyncKpiRequest>
{
    public const int MaximumEntries = 100;
    public const string DefaultSource = "external_api";

    public SyncKpiValidator(TimeProvider clock)
    {
        RuleFor(x => x.StoreId).NotEmpty();
        RuleFor(x => x.Date).ValidKpiDate(clock);
        RuleFor(x => x.Source).MaximumLength(100);
        RuleFor(x => x.KpiEntries).NotEmpty().WithMessage("'kpi_entries' must hold at least one entry");
        RuleFor(x => x.KpiEntries!.Count).LessThanOrEqualTo(MaximumEntries).When(x => x.KpiEntries is not null)
            .OverridePropertyName("kpi_entries").WithMessage($"'kpi_entries' holds at most {MaximumEntries} entries per request");
        // Compared as ids, not as text: "2a1c…-…", "2A1C…" without hyphens and "{2a1c…}" are one seller.
        RuleFor(x => x.KpiEntries).Must(entries => entries!.Where(e => e?.SellerId is not null).GroupBy(e => CanonicalSeller(e!.SellerId!)).All(g => g.Count() == 1))
            .When(x => x.KpiEntries is not null).WithMessage("A seller appears twice in 'kpi_entries'");
        RuleForEach(x => x.KpiEntries).NotNull().ChildRules(entry =>
        {
            entry.RuleFor(e => e!.SellerId).NotEmpty();
            entry.RuleFor(e => e!.CaJournalier).ValidMoney();
            entry.RuleFor(e => e!.NbVentes).ValidCount();
            entry.RuleFor(e => e!.NbArticles).ValidCount();
            entry.RuleFor(e => e!.Prospects).InclusiveBetween(0, KpiRules.MaximumCount);
        });
    }

    private static string CanonicalSeller(string sellerId) =>
        Ids.TryParse(sellerId.Trim(), out var id) ? id.ToString() : sellerId.Trim().ToLowerInvariant();
}

internal static class SyncKpiEndpoint
{
    /// <summary>The seeds' request body (integration guide v1.2), for the reference page.</summary>
    public const string RequestExample = """
        {"store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "date": "2025-11-26",
         "kpi_entries": [
           {"seller_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "ca_journalier": 1500.00, "nb_ventes": 12, "nb_articles": 24, "prospects": 5},
           {"seller_id": "9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11", "ca_journalier": 2300.00, "nb_ventes": 18, "nb_articles": 35, "prospects": 8}],
         "source": "pos_system_v2"}
        """;

    /// <summary>The seeds' answer (integration guide v1.2), for the reference page.</summary>
    public const string ResponseExample = """
        {"status": "success", "message": "KPI synchronized successfully", "entries_created": 2, "entries_updated": 0, "total": 2,
         "synced_entries": 2, "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7", "date": "2025-11-26", "source": "pos_system_v2",
         "entries": [{"seller_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "kpi_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a61", "action": "created"},
                     {"seller_id": "9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11", "kpi_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a62", "action": "created"}]}
        """;

    public static void MapSyncKpi(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapPost("/kpi/sync", Handle)
            .RequireApiKey(Scopes.KpiWrite)
            .Validate<SyncKpiRequest>()
            .RequireStoreAccess(new StoreFrom.Body<SyncKpiRequest>(r => r.StoreId))
            .WithExample(RequestExample, ResponseExample)
            .WithName(family.Name("SyncKpi"))
            .WithSummary("Synchronise a day of KPI")
            .WithDescription("""
                1 to 100 entries for one store and one day, upserted on (seller, date): existing rows are updated, new rows created, and the counts say which.
                The batch is all-or-nothing: any invalid entry (negative number, seller twice, bad or far-future date, more than 100 entries) is 400,
                an unknown store or a seller who is not in that store is 404 naming the ids, and nothing is written.
                A deleted store or a deleted seller accepts days up to the day of its deletion only (a later day is 400 naming them); a suspended seller's days are accepted. Replaying a batch changes nothing but `entries_updated`.
                `prospects` defaults to 0, `source` to `external_api`.
                """)
            .DocumentsInvalidField("kpi_entries", "A seller appears twice in 'kpi_entries'")
            .DocumentsProblem(StatusCodes.Status404NotFound, $"{ProblemMessages.StoreNotFound}: c2dd1ada-d0a2-4a90-be81-644b7cb78bc7")
            .DocumentsProblem(StatusCodes.Status404NotFound, "Sellers not found in store c2dd1ada-d0a2-4a90-be81-644b7cb78bc7: 9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11");

    private static async Task<Results<Ok<SyncKpiResponse>, ProblemHttpResult>> Handle(
        SyncKpiRequest request, ApiKeyCaller caller, IStoreDirectory stores, IStaffDirectory staff, KpiWriter writer,
        CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(request.StoreId!.Trim(), out var storeId)) return Problems.NotFound($"{ProblemMessages.StoreNotFound}: {request.StoreId}");
        if (await stores.FindAsync(caller.TenantId, storeId, cancellationToken) is not { } store)
            return Problems.NotFound($"{ProblemMessages.StoreNotFound}: {storeId}");
        Dates.TryParseIso(request.Date, out var date);
        if (KpiAfterDeletion.StoreRefusal(store, date) is { } storeDeleted) return Problems.BadRequest(storeDeleted);

        var entries = request.KpiEntries!.Select(e => e!).ToList();
        var unparsable = entries.Where(e => !Ids.TryParse(e.SellerId!.Trim(), out _)).Select(e => e.SellerId!).ToList();
        var sellerIds = entries.Select(e => Ids.TryParse(e.SellerId!.Trim(), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var sellers = await staff.SellersOfStoreAsync(caller.TenantId, storeId, sellerIds, cancellationToken);
        var unknown = unparsable.Concat(sellerIds.Except(sellers.Select(s => s.Id)).Select(id => id.ToString())).ToList();
        if (unknown.Count > 0)
            return Problems.NotFound($"Sellers not found in store {storeId}: {string.Join(", ", unknown)}");
        if (KpiAfterDeletion.SellersRefusal(sellers, date) is { } sellersDeleted) return Problems.BadRequest(sellersDeleted);
        var source = string.IsNullOrWhiteSpace(request.Source) ? SyncKpiValidator.DefaultSource : request.Source.Trim();
        var lines = entries.Select(e => new KpiLine(Guid.Parse(e.SellerId!.Trim()), e.CaJournalier!.Value, e.NbVentes!.Value, e.NbArticles!.Value,
            e.Prospects ?? 0, e.Timestamp)).ToList();
        var written = await writer.UpsertAsync(caller.TenantId, storeId, date, lines, source, cancellationToken);

        var created = written.Count(w => w.Created);
        return TypedResults.Ok(new SyncKpiResponse("success", KpiMessages.KpiSynchronized, created, written.Count - created, written.Count,
            written.Count, storeId, date, source, written.Select(w => new SyncKpiEntryResult(w.SellerId, w.KpiId, w.Created ? "created" : "updated")).ToList()));
    }
}
