using System.Diagnostics;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// A request's id (<see cref="RequestIds.Of"/>: its W3C trace id as <c>00-trace-span-flags</c>, else the server's
/// identifier), kept as the trace's numbers and written out as text by the log writer, off the request's path: no
/// string per request waits in the buffer.
/// </summary>
internal readonly record struct LoggedRequestId(ActivityTraceId TraceId, ActivitySpanId SpanId, bool Recorded, string? Text)
{
    public static LoggedRequestId Of(HttpContext context) =>
        System.Diagnostics.Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            ? new LoggedRequestId(activity.TraceId, activity.SpanId, activity.Recorded, null)
            : new LoggedRequestId(default, default, false, context.TraceIdentifier);

    public override string ToString() => Text ?? $"00-{TraceId.ToHexString()}-{SpanId.ToHexString()}-{(Recorded ? "01" : "00")}";
}
