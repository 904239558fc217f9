namespace RetailPerformer.Shared.Contracts.Webhooks;

/// <summary><c>store.created</c>, <c>store.deleted</c>: the store as it is after the change.</summary>
public sealed record StoreEventData(Guid StoreId, string Name, string? ExternalId, bool Active);
