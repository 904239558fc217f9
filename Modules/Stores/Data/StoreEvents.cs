using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Stores.Data;

/// <summary>A store as its <c>store.*</c> events tell it.</summary>
internal static class StoreEvents
{
    public static StoreEventData Of(StoreRow row) => new(row.Id, row.Name, row.ExternalId, row.Active);
}
