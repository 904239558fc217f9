namespace RetailPerformer.Shared.Contracts.Webhooks;

/// <summary>The events an endpoint can subscribe to; each one's data is the record named beside it.</summary>
public static class EventTypes
{
    public const string KpiSynced = "kpi.synced";            // KpiSyncedData
    public const string StoreCreated = "store.created";      // StoreEventData
    public const string StoreDeleted = "store.deleted";      // StoreEventData
    public const string UserCreated = "user.created";        // UserEventData
    public const string UserUpdated = "user.updated";        // UserEventData
    public const string UserDeleted = "user.deleted";        // UserEventData
    public const string ApiKeyRevoked = "api_key.revoked";   // ApiKeyEventData
    public const string ApiKeyExpiring = "api_key.expiring"; // ApiKeyEventData
    /// <summary>Sent only by "send a test event", to one endpoint, whatever it subscribed to.</summary>
    public const string Test = "webhook.test";

    public static readonly string[] Subscribable =
        [KpiSynced, StoreCreated, StoreDeleted, UserCreated, UserUpdated, UserDeleted, ApiKeyRevoked, ApiKeyExpiring];
}
