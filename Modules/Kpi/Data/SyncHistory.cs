using RetailPerformer.Shared.Data;

namespace RetailPerformer.Kpi.Data;

/// <summary>
/// Writes the sync history (<c>kpi.sync_history</c>): an accepted batch inside its own transaction (<see cref="KpiWriter"/>),
/// a refused one when it is answered (<see cref="SyncHistoryFilter"/>).
/// </summary>
internal sealed class SyncHistory(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Where a slice leaves the store it resolved, so that a later refusal names it.</summary>
    public const string ResolvedStoreItem = "kpi.resolved_store";

    public static NpgsqlBatchCommand Accepted(SyncSender sender, DateTime at, Guid storeId, DateOnly date, string source, int created, int updated) =>
        new NpgsqlBatchCommand(KpiSql.RecordSync).WithValues(
            Guid.CreateVersion7(), sender.TenantId, at, storeId, null, date, source, sender.KeyId, sender.PersonId, created + updated, created, updated,
            (short)StatusCodes.Status200OK, null, sender.RequestId);

    public async Task RefusedAsync(SyncSender sender, Guid? storeId, BatchNamed named, int status, string? reason)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var storeRef = storeId is null ? named.Store?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, 200)] : null : null;
        DateOnly? date = Dates.TryParseIso(named.Date, out var d) ? d : null;
        var source = string.IsNullOrWhiteSpace(named.Source) ? "" : named.Source.Trim()[..Math.Min(named.Source.Trim().Length, 100)];
        await using var command = new NpgsqlCommand(KpiSql.RecordSync, connection).WithValues(
            Guid.CreateVersion7(), sender.TenantId, clock.GetUtcNow().UtcDateTime, storeId, storeRef, date, source, sender.KeyId, sender.PersonId,
            named.Entries, 0, 0, (short)status, reason, sender.RequestId);
        await command.ExecuteNonQueryAsync();
    }
}
