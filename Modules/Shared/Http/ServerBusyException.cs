namespace RetailPerformer.Shared.Http;

/// <summary>The host refuses work it has no capacity for right now: 503 with <c>Retry-After</c> (see the host's exception handler).</summary>
public sealed class ServerBusyException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
