namespace RetailPerformer.Activity.Data;

/// <summary>
/// <c>RequestLog:Enabled</c> (true), <c>RequestLog:RetentionDays</c> (90), <c>RequestLog:BufferSize</c> (100,000 requests
/// waiting to be written; beyond, new ones are dropped and counted, never waited for).
/// </summary>
internal sealed record RequestLogSettings(bool Enabled, int RetentionDays, int BufferSize);
