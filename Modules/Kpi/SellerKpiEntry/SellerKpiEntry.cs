using RetailPerformer.Shared.Contracts.Stores;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Kpi.SellerKpiEntry;

[RequestSchema]
public sealed record SellerKpiEntryRequest(
    [property: Required, ApiFormat(ApiFormatAttribute.Date)] string? Date, [property: Required] decimal? CaJournalier, [property: Required] int? NbVentes,
    [property: Required] int? NbArticles, int? NbProspects) : IDayFigures;

internal sealed class SellerKpiEntryValidator : AbstractValidator<SellerKpiEntryRequest>
{
    public SellerKpiEntryValidator(TimeProvider clock) => this.ValidDayFigures(clock);
}

internal static class SellerKpiEntryEndpoint
{
    public const string Source = "seller_app";

    public static void MapSellerKpiEntry(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/seller/kpi-entry", Handle)
            .RequireAuthorization(Policies.Seller)
            .RecordsRefusedBatches<SellerKpiEntryRequest>(r => new BatchNamed(null, r.Date, Source, 1))
            .Validate<SellerKpiEntryRequest>()
            .WithTags("KPI (web app)")
            .WithExample(KpiExamples.SellerEntry, KpiExamples.SellerEntryAnswer)
            .WithName("SellerKpiEntry")
            .WithSummary("A seller records their own day")
            .WithDescription("Writes the same row as kpi/sync for (this seller, date): created, or updated if the day was already recorded.")
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.UserNotFound);

    private static async Task<Results<Ok<KpiEntryResponse>, ProblemHttpResult>> Handle(
        SellerKpiEntryRequest request, AppUser seller, IStaffDirectory staff, IStoreDirectory stores, KpiWriter writer,
        HttpContext context, CancellationToken cancellationToken)
    {
        var me = await staff.FindSellerAsync(seller.TenantId, seller.UserId, cancellationToken);
        if (me is null) return Problems.NotFound(ProblemMessages.UserNotFound);
        Dates.TryParseIso(request.Date, out var date);
        if (await KpiAfterDeletion.RefusalAsync(stores, seller.TenantId, me, date, cancellationToken) is { } refused) return Problems.BadRequest(refused);
        var line = new KpiLine(me.Id, request.CaJournalier!.Value, request.NbVentes!.Value, request.NbArticles!.Value, request.NbProspects ?? 0, null);
        var written = (await writer.UpsertAsync(SyncSender.Of(context)!, me.StoreId, date, [line], Source, cancellationToken)).Single();
        return TypedResults.Ok(new KpiEntryResponse(KpiMessages.KpiEntryCreated, written.KpiId, written.Created ? "created" : "updated"));
    }
}
