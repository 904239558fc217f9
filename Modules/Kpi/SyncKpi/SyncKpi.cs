using RetailPerformer.Shared.Contracts.Stores;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Kpi.SyncKpi;

/// <param name="SellerId">Our id of the seller; or name them by <c>seller_external_id</c>, the id your system gives them (one of the two).</param>
[RequestSchema, RequiresOneOf(nameof(SellerId), nameof(SellerExternalId))]
public sealed record SyncKpiEntry(
    [property: ApiFormat(ApiFormatAttribute.Uuid)] string? SellerId, string? SellerExternalId,
    [property: Required] decimal? CaJournalier, [property: Required] int? NbVentes, [property: Required] int? NbArticles, int? Prospects,
    DateTimeOffset? Timestamp);

/// <param name="StoreId">Our id of the store; or name it by <c>store_external_id</c>, the id your system gives it (one of the two).</param>
[RequestSchema, RequiresOneOf(nameof(StoreId), nameof(StoreExternalId))]
public sealed record SyncKpiRequest(
    [property: ApiFormat(ApiFormatAttribute.Uuid)] string? StoreId, string? StoreExternalId,
    [property: Required, ApiFormat(ApiFormatAttribute.Date)] string? Date, [property: Required] List<SyncKpiEntry?>? KpiEntries, string? Source);

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
        RuleFor(x => x).Must(x => Given(x.StoreId) != Given(x.StoreExternalId)).OverridePropertyName("store_id")
            .WithMessage(OneStore);
        RuleFor(x => x.StoreExternalId).MaximumLength(200);
        RuleFor(x => x.Date).ValidKpiDate(clock);
        RuleFor(x => x.Source).MaximumLength(100);
        RuleFor(x => x.KpiEntries).NotEmpty().WithMessage("'kpi_entries' must hold at least one entry");
        RuleFor(x => x.KpiEntries!.Count).LessThanOrEqualTo(MaximumEntries).When(x => x.KpiEntries is not null)
            .OverridePropertyName("kpi_entries").WithMessage($"'kpi_entries' holds at most {MaximumEntries} entries per request");
        // Compared as ids, not as text: "2a1c…-…", "2A1C…" without hyphens and "{2a1c…}" are one seller (and an
        // external id as it is stored). One named both ways is found once both are resolved.
        RuleFor(x => x.KpiEntries).Must(entries => entries!.Where(e => e is not null).GroupBy(e => CanonicalSeller(e!)).All(g => g.Key is null || g.Count() == 1))
            .When(x => x.KpiEntries is not null).WithMessage(SellerTwice);
        RuleForEach(x => x.KpiEntries).NotNull().ChildRules(entry =>
        {
            entry.RuleFor(e => e!).Must(e => Given(e.SellerId) != Given(e.SellerExternalId)).OverridePropertyName("seller_id")
                .WithMessage(OneSeller);
            entry.RuleFor(e => e!.SellerExternalId).MaximumLength(200);
            entry.RuleFor(e => e!.CaJournalier).ValidMoney();
            entry.RuleFor(e => e!.NbVentes).ValidCount();
            entry.RuleFor(e => e!.NbArticles).ValidCount();
            entry.RuleFor(e => e!.Prospects).InclusiveBetween(0, KpiRules.MaximumCount);
        });
    }

    public const string OneStore = "Give 'store_id' or 'store_external_id', one of them";
    public const string OneSeller = "Give 'seller_id' or 'seller_external_id', one of them";
    public const string SellerTwice = "A seller appears twice in 'kpi_entries'";

    private static bool Given(string? value) => !string.IsNullOrWhiteSpace(value);

    private static string? CanonicalSeller(SyncKpiEntry entry) =>
        Given(entry.SellerId) ? Ids.TryParse(entry.SellerId!.Trim(), out var id) ? id.ToString() : entry.SellerId!.Trim().ToLowerInvariant()
        : Given(entry.SellerExternalId) ? "external:" + UserText.Canonical(entry.SellerExternalId!)
        : null;
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
            .RecordsRefusedBatches<SyncKpiRequest>(r => new BatchNamed(
                string.IsNullOrWhiteSpace(r.StoreId) ? r.StoreExternalId : r.StoreId, r.Date, r.Source ?? SyncKpiValidator.DefaultSource, r.KpiEntries?.Count ?? 0))
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
                Your own ids work too: name the store by `store_external_id` instead of `store_id`, and a seller by `seller_external_id` instead of
                `seller_id` (one of each pair), resolved among the tenant's stores and sellers — the live one, else its only deleted one. An unknown one is
                404 naming it; one shared by several deleted stores or sellers (and no live one) is 400: name it by our id then.
                """)
            .DocumentsInvalidField("kpi_entries", "A seller appears twice in 'kpi_entries'")
            .DocumentsProblem(StatusCodes.Status404NotFound, $"{ProblemMessages.StoreNotFound}: c2dd1ada-d0a2-4a90-be81-644b7cb78bc7")
            .DocumentsProblem(StatusCodes.Status404NotFound, "Sellers not found in store c2dd1ada-d0a2-4a90-be81-644b7cb78bc7: 9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11")
            .DocumentsProblem(StatusCodes.Status404NotFound, StoreExternalIdNotFound("STORE_MRS_001"))
            .DocumentsProblem(StatusCodes.Status400BadRequest, SellerExternalIdAmbiguous("SELLER_MRS_012", 2));

    private static async Task<Results<Ok<SyncKpiResponse>, ProblemHttpResult>> Handle(
        SyncKpiRequest request, ApiKeyCaller caller, IStoreDirectory stores, IStaffDirectory staff, KpiWriter writer, HttpContext context,
        CancellationToken cancellationToken)
    {
        var (store, storeRefused) = await ResolveStoreAsync(request, caller, stores, cancellationToken);
        if (storeRefused is not null) return storeRefused;
        var storeId = store!.Id;
        context.Items[SyncHistory.ResolvedStoreItem] = storeId;
        Dates.TryParseIso(request.Date, out var date);
        if (KpiAfterDeletion.StoreRefusal(store, date) is { } storeDeleted) return Problems.BadRequest(storeDeleted);

        var entries = request.KpiEntries!.Select(e => e!).ToList();
        var (sellerIds, sellersRefused) = await ResolveSellersAsync(caller.TenantId, entries, staff, cancellationToken);
        if (sellersRefused is not null) return sellersRefused;
        var found = await staff.SellersOfStoreAsync(caller.TenantId, storeId, sellerIds.Values.OfType<Guid>().Distinct().ToList(), cancellationToken);
        var unknown = entries.Where(e => sellerIds[e] is not { } id || found.All(s => s.Id != id)).Select(Named).ToList();
        if (unknown.Count > 0)
            return Problems.NotFound($"Sellers not found in store {storeId}: {string.Join(", ", unknown)}");
        if (KpiAfterDeletion.SellersRefusal(found, date) is { } sellersDeleted) return Problems.BadRequest(sellersDeleted);
        var source = string.IsNullOrWhiteSpace(request.Source) ? SyncKpiValidator.DefaultSource : request.Source.Trim();
        var lines = entries.Select(e => new KpiLine(sellerIds[e]!.Value, e.CaJournalier!.Value, e.NbVentes!.Value, e.NbArticles!.Value,
            e.Prospects ?? 0, e.Timestamp)).ToList();
        var written = await writer.UpsertAsync(SyncSender.Of(context)!, storeId, date, lines, source, cancellationToken);

        var created = written.Count(w => w.Created);
        return TypedResults.Ok(new SyncKpiResponse("success", KpiMessages.KpiSynchronized, created, written.Count - created, written.Count,
            written.Count, storeId, date, source, written.Select(w => new SyncKpiEntryResult(w.SellerId, w.KpiId, w.Created ? "created" : "updated")).ToList()));
    }

    /// <summary>The batch's store, by our id or by the integration's own (the live store with it, else its only deleted one).</summary>
    private static async Task<(StoreSummary? Store, ProblemHttpResult? Refused)> ResolveStoreAsync(
        SyncKpiRequest request, ApiKeyCaller caller, IStoreDirectory stores, CancellationToken cancellationToken)
    {
        // The validator let exactly one of the two through.
        if (!string.IsNullOrWhiteSpace(request.StoreId))
        {
            if (!Ids.TryParse(request.StoreId.Trim(), out var storeId)) return (null, Problems.NotFound($"{ProblemMessages.StoreNotFound}: {request.StoreId}"));
            return await stores.FindAsync(caller.TenantId, storeId, cancellationToken) is { } byId
                ? (byId, null)
                : (null, Problems.NotFound($"{ProblemMessages.StoreNotFound}: {storeId}"));
        }
        var externalId = request.StoreExternalId!;
        var matches = await stores.FindByExternalIdAsync(caller.TenantId, externalId, cancellationToken);
        if (matches.Count == 0) return (null, Problems.NotFound(StoreExternalIdNotFound(externalId)));
        if (!matches[0].Active && matches.Count > 1) return (null, Problems.BadRequest(StoreExternalIdAmbiguous(externalId, matches.Count)));
        // The route's store filter read no store_id: the key's store restriction is checked here, once the store is known.
        return StoreAccess.Check(caller, matches[0].Id) is { } forbidden ? (null, forbidden) : (matches[0], null);
    }

    /// <summary>Each entry's seller id: given, or resolved from its external id (null when it names no seller of the tenant).</summary>
    private static async Task<(Dictionary<SyncKpiEntry, Guid?> Ids, ProblemHttpResult? Refused)> ResolveSellersAsync(
        Guid tenantId, List<SyncKpiEntry> entries, IStaffDirectory staff, CancellationToken cancellationToken)
    {
        var external = entries.Where(e => string.IsNullOrWhiteSpace(e.SellerId)).Select(e => e.SellerExternalId!).Distinct().ToList();
        var matches = (await staff.SellersByExternalIdAsync(tenantId, external, cancellationToken)).ToLookup(m => m.ExternalId, m => m.Seller);
        var ids = new Dictionary<SyncKpiEntry, Guid?>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries)
        {
            if (!string.IsNullOrWhiteSpace(entry.SellerId))
            {
                ids[entry] = Ids.TryParse(entry.SellerId.Trim(), out var id) ? id : null;
                continue;
            }
            // Live sellers come first (at most one has the id); no live one and several deleted ones: which is meant is unknown.
            var named = matches[entry.SellerExternalId!].ToList();
            if (named is [{ Status: "deleted" }, _, ..]) return (ids, Problems.BadRequest(SellerExternalIdAmbiguous(entry.SellerExternalId!, named.Count)));
            ids[entry] = named.FirstOrDefault()?.Id;
        }
        // Named once by id and once by external id: the same seller twice.
        return ids.Values.OfType<Guid>().GroupBy(id => id).Any(g => g.Count() > 1)
            ? (ids, Problems.BadRequest(SyncKpiValidator.SellerTwice))
            : (ids, null);
    }

    private static string Named(SyncKpiEntry entry) =>
        string.IsNullOrWhiteSpace(entry.SellerId) ? $"external_id {entry.SellerExternalId}" : entry.SellerId.Trim();

    public static string StoreExternalIdNotFound(string externalId) => $"{ProblemMessages.StoreNotFound}: external_id {externalId}";

    public static string StoreExternalIdAmbiguous(string externalId, int count) =>
        $"store_external_id '{externalId}' names {count} deleted stores: name the store by store_id";

    public static string SellerExternalIdAmbiguous(string externalId, int count) =>
        $"seller_external_id '{externalId}' names {count} deleted sellers: name the seller by seller_id";
}
