namespace RetailPerformer.Activity.Data;

/// <summary>One request as a block of the log holds it (see migration 0002); <c>PathIds</c> comma-separated.</summary>
internal sealed record LoggedRequest(
    DateTime At, string Method, string Route, string PathIds, short Status, float DurationMs, string? Detail, string? Client, string? UserAgent,
    string RequestId);
