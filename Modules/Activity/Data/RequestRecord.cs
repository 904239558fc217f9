namespace RetailPerformer.Activity.Data;

/// <summary>One integration request as the log keeps it (no secret, no body).</summary>
internal sealed record RequestRecord(
    Guid? TenantId, DateTime At, Guid? KeyId, string Method, string Route, Guid[] PathIds, int Status, float DurationMs,
    string? Detail, string? Client, string? UserAgent, string RequestId);
