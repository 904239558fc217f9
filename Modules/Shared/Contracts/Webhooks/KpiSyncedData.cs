namespace RetailPerformer.Shared.Contracts.Webhooks;

/// <summary><c>kpi.synced</c>: one accepted batch (a kpi/sync call or a web entry) — its store and day, what it created and updated, and who sent it.</summary>
public sealed record KpiSyncedData(Guid StoreId, DateOnly Date, int Created, int Updated, string Source, Guid? ApiKeyId, Guid? UserId);
