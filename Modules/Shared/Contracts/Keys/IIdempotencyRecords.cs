namespace RetailPerformer.Shared.Contracts.Keys;

/// <summary>The answer a request with an <c>Idempotency-Key</c> got the first time, replayed to its repeats.</summary>
public sealed record IdempotentAnswer(int Status, string? ContentType, string? Location, byte[] Body);

public enum IdempotencyClaim
{
    /// <summary>The first request with this key (or the first after the old one expired): run it.</summary>
    Claimed,
    /// <summary>A request with this key is running right now.</summary>
    InProgress,
    /// <summary>This key was used for another request (another method, path, query or body).</summary>
    Mismatch,
    /// <summary>This key's request already ran: replay its answer.</summary>
    Replay,
}

public sealed record IdempotencyOutcome(IdempotencyClaim Claim, IdempotentAnswer? Answer = null);

/// <summary>
/// Implemented by the Keys module: the requests made with an <c>Idempotency-Key</c>, per caller (an API key, or the person
/// signed in), kept 24 hours.
/// </summary>
public interface IIdempotencyRecords
{
    Task<IdempotencyOutcome> ClaimAsync(Guid tenantId, Guid scopeId, string key, byte[] requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(Guid tenantId, Guid scopeId, string key, IdempotentAnswer answer);

    /// <summary>Forgets a claim whose request did not complete (a failure of ours): a retry runs it again.</summary>
    Task ReleaseAsync(Guid tenantId, Guid scopeId, string key);
}
