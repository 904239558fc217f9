using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Stores.DeleteStore;

public sealed record DeleteStoreResponse(bool Success, string Message, int StaffSuspended);

internal static class DeleteStoreEndpoint
{
    public const string AlreadyDeleted = "Store already deleted";

    public static void MapDeleteStore(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapDelete("/stores/{store_id}", Handle)
            .RequireApiKey(Scopes.StoresWrite)
            .RequireStoreAccess(new StoreFrom.Route())
            .WithExample(null, StoreExamples.Deleted)
            .WithName(family.Name("DeleteStore"))
            .WithSummary("Delete (deactivate) a store")
            .WithDescription("Soft delete: the store becomes inactive and every active manager and seller of it is suspended (their sessions end), in one transaction — people being added at that moment included. KPI is accepted for days up to the deletion only. History (KPI) is kept. Deleting twice is 400.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, AlreadyDeleted)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.StoreNotFound);

    private static async Task<Results<Ok<DeleteStoreResponse>, ProblemHttpResult>> Handle(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "store_id")] string storeId, ApiKeyCaller caller, NpgsqlDataSource dataSource,
        IStaffDirectory staff, IEventOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(storeId, out var id)) return Problems.NotFound(ProblemMessages.StoreNotFound);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Waits for the people being added to (or reactivated in) this store, so that the suspension below sees them.
        await StoreLocks.ExclusiveAsync(connection, transaction, id);
        var wasActive = await connection.QuerySingleOrDefaultAsync<bool?>(
            "SELECT active FROM stores.stores WHERE tenant_id = @TenantId AND id = @id FOR UPDATE", new { caller.TenantId, id }, transaction);
        if (wasActive is null) return Problems.NotFound(ProblemMessages.StoreNotFound);
        if (wasActive == false) return Problems.BadRequest(AlreadyDeleted);

        var deleted = await connection.QuerySingleAsync<StoreRow>(
            $"UPDATE stores.stores SET active = false, deleted_at = @now, updated_at = @now WHERE tenant_id = @TenantId AND id = @id RETURNING {StoreRow.Columns}",
            new { caller.TenantId, id, now }, transaction);
        var shared = new SharedTransaction(connection, transaction);
        var suspended = await staff.SuspendStoreStaffAsync(shared, caller.TenantId, id, cancellationToken);
        await outbox.AddAsync(shared, caller.TenantId, EventTypes.StoreDeleted, StoreEvents.Of(deleted), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new DeleteStoreResponse(true, StoreMessages.StoreDeleted, suspended));
    }
}
