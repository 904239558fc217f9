using System.Diagnostics;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// A request's id (<see cref="RequestIds.Of"/>: its W3C trace id as <c>00-trace-span-flags</c>, else the server's
/// identifier), kept as the trace's numbers (the log stores their bytes, see <see cref="CompactEntries"/>): no string per
/// request waits in the buffer.
/// </summary>
internal readonly record struct LoggedRequestId(ActivityTraceId TraceId, ActivitySpanId SpanId, bool Recorded, string? Text)
{
    public static LoggedRequestId Of(HttpContext context) =>
        System.Diagnostics.Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            ? new LoggedRequestId(activity.TraceId, activity.SpanId, activity.Recorded, null)
            : new LoggedRequestId(default, default, false, context.TraceIdentifier);

    /// <summary><c>00-trace-span-flags</c> from the trace id's 16 bytes and the span id's 8 (as the compact log keeps them).</summary>
    public static string Format(ReadOnlySpan<byte> traceThenSpan, bool recorded) =>
        $"00-{Convert.ToHexStringLower(traceThenSpan[..16])}-{Convert.ToHexStringLower(traceThenSpan[16..24])}-{(recorded ? "01" : "00")}";
}
