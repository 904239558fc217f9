namespace RetailPerformer.Activity.Data;

/// <summary>One integration request as the log keeps it (no secret, no body); <c>PathIds</c> are the ids in its path, comma-separated.</summary>
internal sealed record RequestRecord(
    Guid? TenantId, DateTime At, Guid? KeyId, string Method, string Route, string PathIds, int Status, float DurationMs,
    string? Detail, string? Client, string? UserAgent, string RequestId);
