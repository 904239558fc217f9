using System.Diagnostics;
using System.Text;
using System.Text.Json;

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

    /// <summary>The id's length without a server identifier: <c>00-</c>, 32 + 1 + 16 hex digits, <c>-01</c>.</summary>
    public const int TraceLength = 55;

    public override string ToString()
    {
        if (Text is not null) return Text;
        Span<byte> quoted = stackalloc byte[TraceLength + 2];
        return Encoding.ASCII.GetString(FormatQuoted(quoted)[1..^1]);
    }

    /// <summary>
    /// Writes the id as a JSON string. The trace's numbers go straight into UTF-8 hex digits between quotes, written raw:
    /// no UTF-16 text in between and no escaping to check (formatting through a <c>char</c> span was 1.5 % of a busy
    /// host's CPU, `bench/run --only me --trace me`).
    /// </summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        if (Text is not null)
        {
            json.WriteStringValue(Text);
            return;
        }
        Span<byte> quoted = stackalloc byte[TraceLength + 2];
        json.WriteRawValue(FormatQuoted(quoted), skipInputValidation: true);
    }

    /// <summary><c>"00-trace-span-flags"</c>, quotes included, in <paramref name="buffer"/> (<see cref="TraceLength"/> + 2 long).</summary>
    private ReadOnlySpan<byte> FormatQuoted(Span<byte> buffer)
    {
        Span<byte> bytes = stackalloc byte[16];
        "\"00-"u8.CopyTo(buffer);
        TraceId.CopyTo(bytes);
        Convert.TryToHexStringLower(bytes, buffer[4..36], out _);
        buffer[36] = (byte)'-';
        SpanId.CopyTo(bytes[..8]);
        Convert.TryToHexStringLower(bytes[..8], buffer[37..53], out _);
        (Recorded ? "-01\""u8 : "-00\""u8).CopyTo(buffer[53..]);
        return buffer[..(TraceLength + 2)];
    }
}
