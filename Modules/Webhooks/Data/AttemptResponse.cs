namespace RetailPerformer.Webhooks.Data;

/// <param name="StatusCode">The endpoint's answer; null when none came (timeout, refused connection).</param>
/// <param name="ResponseBody">The answer's first kilobyte.</param>
public sealed record AttemptResponse(DateTime AttemptedAt, short? StatusCode, float DurationMs, string? ResponseBody, string? Error);
