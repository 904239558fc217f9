using RetailPerformer.Shared.Contracts.Stores;

namespace RetailPerformer.Kpi.ListSyncHistory;

public sealed record ListSyncHistoryRequest
{
    /// <summary>One store (our id).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "store_id"), ApiFormat(ApiFormatAttribute.Uuid)] public string? StoreId { get; init; }

    /// <summary>The day the batch was for.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "date"), ApiFormat(ApiFormatAttribute.Date)] public string? Date { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "source")] public string? Source { get; init; }

    [AllowedValues("accepted", "refused"), Microsoft.AspNetCore.Mvc.FromQuery(Name = "outcome")] public string? Outcome { get; init; }
}

/// <param name="StoreRef">The store as the batch named it, when that was not our id and no store was found by it.</param>
/// <param name="KeyId">The key that sent it (kpi/sync); or <paramref name="PersonId"/>, the person who entered it.</param>
/// <param name="Status">200, or the refusal's status; <paramref name="Reason"/> is the refusal's detail.</param>
public sealed record SyncHistoryLine(
    Guid Id, DateTime At, Guid? StoreId, string? StoreRef, DateOnly? Date, string Source, Guid? KeyId, Guid? PersonId, int Entries, int Created,
    int Updated, string Outcome, int Status, string? Reason, string? RequestId);

public sealed record ListSyncHistoryResponse(IReadOnlyList<SyncHistoryLine> History, PageMeta Meta);

internal sealed class ListSyncHistoryRequestValidator : AbstractValidator<ListSyncHistoryRequest>
{
    public ListSyncHistoryRequestValidator()
    {
        RuleFor(x => x.Date).Must(d => d is null || Dates.TryParseIso(d, out _)).WithMessage("'date' must be a date formatted YYYY-MM-DD");
        RuleFor(x => x.Outcome).Must(o => o is null or "accepted" or "refused").WithMessage("'outcome' must be one of: accepted, refused");
        RuleFor(x => x.Source).MaximumLength(100);
    }
}

internal static class ListSyncHistoryEndpoint
{
    public const string ResponseExample = """
        {"history": [
           {"id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a70", "at": "2025-11-27T02:00:03.120Z", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
            "store_ref": null, "date": "2025-11-26", "source": "pos_system_v2", "key_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a61", "person_id": null,
            "entries": 2, "created": 2, "updated": 0, "outcome": "accepted", "status": 200, "reason": null, "request_id": "00-5c1e0a9d8b7f4e3a2c6d1b0f9e8a7d6c-1a2b3c4d5e6f7a8b-00"},
           {"id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a71", "at": "2025-11-27T02:00:01.004Z", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
            "store_ref": null, "date": "2025-11-26", "source": "pos_system_v2", "key_id": "0193a9f2-6c1d-7e4b-9a55-2f1d3c4b5a61", "person_id": null,
            "entries": 2, "created": 0, "updated": 0, "outcome": "refused", "status": 404,
            "reason": "Sellers not found in store c2dd1ada-d0a2-4a90-be81-644b7cb78bc7: 9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11", "request_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}],
         "meta": {"page": 1, "limit": 50, "total": 2, "pages": 1}}
        """;

    public static void MapListSyncHistory(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/gerant/kpi/sync-history", Handle)
            .RequireAuthorization(Policies.Gerant)
            .Validate<PageQuery>()
            .Validate<PeriodFilter>()
            .Validate<ListSyncHistoryRequest>()
            .WithTags("KPI (web app)")
            .WithExample(null, ResponseExample)
            .WithName("ListSyncHistory")
            .WithSummary("Sync history: every KPI batch, accepted or refused")
            .WithDescription("""
                Newest first, paged: each kpi/sync batch and each KPI entered in the web app — the store, the day it was for, its source, the key or the
                person that sent it, how many entries it held and how many rows it created and updated — and each refused one with its status and
                reason (a body that is not JSON at all is only in the key's request log). Filters: `store_id`, `date` (the day the batch was for),
                `source`, `outcome` (`accepted` | `refused`), `start_date` and `end_date` (when it was received, UTC days, inclusive).
                """)
            .DocumentsInvalidField("outcome", "'outcome' must be one of: accepted, refused")
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.StoreNotFound);

    private static async Task<Results<Ok<ListSyncHistoryResponse>, ProblemHttpResult>> Handle(
        [AsParameters] PageQuery page, [AsParameters] PeriodFilter period, [AsParameters] ListSyncHistoryRequest query, AppUser gerant,
        IStoreDirectory stores, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        Guid? storeId = null;
        if (query.StoreId is not null)
        {
            // Another tenant's store is as unknown as no store at all.
            if (!Ids.TryParse(query.StoreId, out var id) || await stores.FindAsync(gerant.TenantId, id, cancellationToken) is null)
                return Problems.NotFound(ProblemMessages.StoreNotFound);
            storeId = id;
        }
        // Dapper passes neither DateOnly nor reads it into a constructor: dates travel as DateTime.
        DateTime? date = Dates.TryParseIso(query.Date, out var d) ? d.ToDateTime(TimeOnly.MinValue) : null;
        var (from, to) = period.Instants;
        var filter = new
        {
            tenant = gerant.TenantId, store = storeId, date, source = query.Source, refused = query.Outcome is null ? (bool?)null : query.Outcome == "refused",
            from, to, limit = page.PageSize, offset = page.Offset,
        };
        const string where = """
            WHERE tenant_id = @tenant AND at >= @from AND at < @to AND (@store::uuid IS NULL OR store_id = @store) AND (@date::date IS NULL OR date = @date)
              AND (@source::text IS NULL OR source = @source) AND (@refused::boolean IS NULL OR (status <> 200) = @refused)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM kpi.sync_history {where}", filter);
        var rows = await connection.QueryAsync<SyncHistoryRow>($"""
            SELECT id, at, store_id, store_ref, date::timestamp AS date, source, key_id, person_id, entries, created, updated, status, reason, request_id
            FROM kpi.sync_history {where} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset
            """, filter);
        return TypedResults.Ok(new ListSyncHistoryResponse(
            rows.Select(r => new SyncHistoryLine(r.Id, r.At, r.StoreId, r.StoreRef, r.Date is { } day ? DateOnly.FromDateTime(day) : null, r.Source, r.KeyId, r.PersonId, r.Entries, r.Created, r.Updated,
                r.Status == StatusCodes.Status200OK ? "accepted" : "refused", r.Status, r.Reason, r.RequestId)).ToList(),
            PageMeta.For(page, total)));
    }

    private sealed record SyncHistoryRow(
        Guid Id, DateTime At, Guid? StoreId, string? StoreRef, DateTime? Date, string Source, Guid? KeyId, Guid? PersonId, int Entries, int Created,
        int Updated, short Status, string? Reason, string? RequestId);
}
