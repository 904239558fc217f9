using RetailPerformer.Shared.Contracts.Stores;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Kpi.ManagerStoreKpi;

[RequestSchema]
public sealed record ManagerStoreKpiRequest(
    [property: Required, ApiFormat(ApiFormatAttribute.Uuid)] string? SellerId, [property: Required, ApiFormat(ApiFormatAttribute.Date)] string? Date,
    [property: Required] decimal? CaJournalier, [property: Required] int? NbVentes, [property: Required] int? NbArticles, int? NbProspects)
    : IDayFigures;

internal sealed class ManagerStoreKpiValidator : AbstractValidator<ManagerStoreKpiRequest>
{
    public ManagerStoreKpiValidator(TimeProvider clock)
    {
        RuleFor(x => x.SellerId).NotEmpty();
        this.ValidDayFigures(clock);
    }
}

internal static class ManagerStoreKpiEndpoint
{
    public const string Source = "manager_app";
    public const string SellerNotInYourStore = "Seller not found in your store";

    public static void MapManagerStoreKpi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/manager/store-kpi", Handle)
            .RequireAuthorization(Policies.Manager)
            .RecordsRefusedBatches<ManagerStoreKpiRequest>(r => new BatchNamed(null, r.Date, Source, 1))
            .Validate<ManagerStoreKpiRequest>()
            .WithTags("KPI (web app)")
            .WithExample(KpiExamples.ManagerEntry, KpiExamples.ManagerEntryAnswer)
            .WithName("ManagerStoreKpi")
            .WithSummary("A manager records a day for a seller of their store")
            .WithDescription("Writes the same row as kpi/sync for (seller, date). A seller of another store is 404.")
            .DocumentsProblem(StatusCodes.Status404NotFound, SellerNotInYourStore);

    private static async Task<Results<Ok<KpiEntryResponse>, ProblemHttpResult>> Handle(
        ManagerStoreKpiRequest request, AppUser manager, IStaffDirectory staff, IStoreDirectory stores, KpiWriter writer,
        HttpContext context, CancellationToken cancellationToken)
    {
        var seller = Ids.TryParse(request.SellerId, out var sellerId) ? await staff.FindSellerAsync(manager.TenantId, sellerId, cancellationToken) : null;
        if (seller is null || manager.StoreId is null || seller.StoreId != manager.StoreId) return Problems.NotFound(SellerNotInYourStore);

        Dates.TryParseIso(request.Date, out var date);
        if (await KpiAfterDeletion.RefusalAsync(stores, manager.TenantId, seller, date, cancellationToken) is { } refused) return Problems.BadRequest(refused);
        var line = new KpiLine(seller.Id, request.CaJournalier!.Value, request.NbVentes!.Value, request.NbArticles!.Value, request.NbProspects ?? 0, null);
        var written = (await writer.UpsertAsync(SyncSender.Of(context)!, seller.StoreId, date, [line], Source, cancellationToken)).Single();
        return TypedResults.Ok(new KpiEntryResponse(KpiMessages.KpiCreated, written.KpiId, written.Created ? "created" : "updated"));
    }
}
