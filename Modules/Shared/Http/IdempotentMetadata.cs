namespace RetailPerformer.Shared.Http;

/// <summary>Endpoint metadata: the route honours <c>Idempotency-Key</c> (<see cref="IdempotencyKeys"/>).</summary>
public sealed class IdempotentMetadata
{
    public static readonly IdempotentMetadata Instance = new();
}
