namespace RetailPerformer.Shared.Contracts.Webhooks;

/// <summary><c>webhook.test</c>: which endpoint asked for it.</summary>
public sealed record TestEventData(Guid EndpointId, string Message);
