namespace RetailPerformer.Activity.Data;

/// <summary>
/// One integration request as the log keeps it (no secret, no body); <c>PathIds</c> are the ids in its path,
/// comma-separated. A struct: it waits up to a second in the buffer, and an object per request living that long
/// is promoted out of the GC's youngest generation — at 50,000 requests a second, costly collections.
/// </summary>
internal readonly record struct RequestRecord(
    Guid? TenantId, DateTime At, Guid? KeyId, string Method, string Route, string PathIds, int Status, float DurationMs,
    string? Detail, string? Client, string? UserAgent, LoggedRequestId RequestId);
