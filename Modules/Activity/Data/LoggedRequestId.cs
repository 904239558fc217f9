using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// A request's id (<see cref="RequestIds.Of"/>: its W3C trace id as <c>00-trace-span-flags</c>, else the server's
/// identifier), kept as the trace's 24 bytes (trace then span: what the log stores, see <see cref="CompactEntries"/>).
/// </summary>
/// <remarks>
/// Bytes, not <see cref="ActivityTraceId"/> and <see cref="ActivitySpanId"/>: those hold the activity's hexadecimal strings,
/// made for each request, and a record waits up to a second in the buffer — two strings a request kept that long survived
/// the GC's youngest generation, which grew it tenfold and made each of its collections pause every thread for ~10 ms:
/// <c>/me</c>'s p99 was 10.5 ms with the log on against 3.7 ms off (`bench/run --only me,me-log-off`, GC columns).
/// </remarks>
internal readonly struct LoggedRequestId
{
    public readonly TraceBytes Bytes;
    public readonly bool Recorded;
    /// <summary>The server's identifier when the request has no W3C trace; null otherwise.</summary>
    public readonly string? Text;

    private LoggedRequestId(in TraceBytes bytes, bool recorded, string? text) => (Bytes, Recorded, Text) = (bytes, recorded, text);

    public static LoggedRequestId Of(HttpContext context)
    {
        if (System.Diagnostics.Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity)
            return new LoggedRequestId(default, false, context.TraceIdentifier);
        // The activity holds its ids as the hexadecimal strings it made when it started; read with the vectorised parser
        // (ActivityTraceId.CopyTo parses them a character at a time).
        var bytes = new TraceBytes();
        Convert.FromHexString(activity.TraceId.ToHexString(), bytes[..16], out _, out _);
        Convert.FromHexString(activity.SpanId.ToHexString(), bytes[16..], out _, out _);
        return new LoggedRequestId(bytes, activity.Recorded, null);
    }

    /// <summary><c>00-trace-span-flags</c> from the trace id's 16 bytes and the span id's 8 (as the compact log keeps them).</summary>
    public static string Format(ReadOnlySpan<byte> traceThenSpan, bool recorded) =>
        $"00-{Convert.ToHexStringLower(traceThenSpan[..16])}-{Convert.ToHexStringLower(traceThenSpan[16..24])}-{(recorded ? "01" : "00")}";

    /// <summary>A trace id's 16 bytes then its span id's 8, inline.</summary>
    [InlineArray(24)]
    public struct TraceBytes
    {
        private byte _first;
    }
}
