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

    /// <summary>The longest <see cref="Format"/> writes without a server identifier: <c>00-</c>, 32 + 1 + 16 hex digits, <c>-01</c>.</summary>
    public const int MaxLength = 55;

    public override string ToString() => Text ?? new string(Format(stackalloc char[MaxLength]));

    /// <summary>The id as text, written into <paramref name="buffer"/> (<see cref="MaxLength"/> long) unless it is the server's identifier.</summary>
    public ReadOnlySpan<char> Format(Span<char> buffer)
    {
        if (Text is not null) return Text;
        Span<byte> bytes = stackalloc byte[16];
        "00-".CopyTo(buffer);
        TraceId.CopyTo(bytes);
        Convert.TryToHexStringLower(bytes, buffer[3..35], out _);
        buffer[35] = '-';
        SpanId.CopyTo(bytes[..8]);
        Convert.TryToHexStringLower(bytes[..8], buffer[36..52], out _);
        (Recorded ? "-01" : "-00").CopyTo(buffer[52..]);
        return buffer[..MaxLength];
    }
}
