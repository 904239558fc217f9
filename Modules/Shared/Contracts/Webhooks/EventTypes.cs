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

    /// <summary>Every event's data and what it tells: the reference's <c>webhooks</c> section is written from it.</summary>
    public static readonly IReadOnlyDictionary<string, (Type Data, string Description)> Catalog = new Dictionary<string, (Type, string)>
    {
        [KpiSynced] = (typeof(KpiSyncedData), "A batch of KPI was accepted (a kpi/sync call, or a day entered in the web app): one event per batch."),
        [StoreCreated] = (typeof(StoreEventData), "A store was created."),
        [StoreDeleted] = (typeof(StoreEventData), "A store was deleted (its staff suspended, its history kept)."),
        [UserCreated] = (typeof(UserEventData), "A manager or seller was created."),
        [UserUpdated] = (typeof(UserEventData), "A manager's or seller's whitelisted fields or status changed."),
        [UserDeleted] = (typeof(UserEventData), "A manager or seller was deleted."),
        [ApiKeyRevoked] = (typeof(ApiKeyEventData), "An API key was deactivated, or replaced when it was regenerated."),
        [ApiKeyExpiring] = (typeof(ApiKeyEventData), "An API key expires in seven days (sent once), or today (sent once more)."),
        [Test] = (typeof(TestEventData), "Sent by \"send a test event\" to one endpoint, whatever it subscribed to."),
    };
}
