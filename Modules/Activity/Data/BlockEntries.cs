using System.Text;
using System.Text.Json;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Reads a block's requests, in either form the log writer has written: <see cref="CompactEntries"/> (since migration
/// 0003) or the JSON of migration 0002, <c>[[µs after the block's first, method, route, path ids, status, ms, detail,
/// client, agent, request id], …]</c>, in the order they were answered.
/// </summary>
internal static class BlockEntries
{
    /// <summary>
    /// The block's requests with a status in [<paramref name="low"/>, <paramref name="high"/>] (on <paramref name="route"/>
    /// when given), newest first, from the <paramref name="skip"/>th on, <paramref name="take"/> at most. Every entry is
    /// tokenized to find the matches, but only the ones returned are read into strings: a block holds up to thousands of
    /// requests and a page shows 50 (reading every entry was most of the host CPU of the gérant's activity pages).
    /// </summary>
    public static List<LoggedRequest> ReadNewestFirst(DateTime firstAt, byte[] entries, short low, short high, string? route, int skip, int take) =>
        entries.Length > 0 && entries[0] == CompactEntries.Format
            ? ReadCompactNewestFirst(firstAt, entries, low, high, route, skip, take)
            : ReadJsonNewestFirst(firstAt, entries, low, high, route, skip, take);

    private static List<LoggedRequest> ReadCompactNewestFirst(DateTime firstAt, byte[] entries, short low, short high, string? route, int skip, int take)
    {
        var block = new CompactEntries.Reader(entries);
        var routeIndex = route is null ? -1 : block.IndexOf(route);
        var page = new List<LoggedRequest>();
        if (route is not null && routeIndex < 0) return page;
        for (var i = block.Count - 1; i >= 0 && page.Count < take; i--)
        {
            var status = block.Status(i);
            if (status < low || status > high || (routeIndex >= 0 && block.RouteIndex(i) != routeIndex)) continue;
            if (skip > 0) skip--;
            else page.Add(block.Read(i, firstAt));
        }
        return page;
    }

    private static List<LoggedRequest> ReadJsonNewestFirst(DateTime firstAt, byte[] entries, short low, short high, string? route, int skip, int take)
    {
        var routeUtf8 = route is null ? null : Encoding.UTF8.GetBytes(route);
        var matches = new List<int>();   // where each matching entry starts
        var reader = new Utf8JsonReader(entries);
        reader.Read();   // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Read();   // at
            reader.Read();   // method
            reader.Read();
            var onRoute = routeUtf8 is null || reader.ValueTextEquals(routeUtf8);
            reader.Read();   // path ids
            reader.Read();
            var status = reader.GetInt16();
            if (onRoute && status >= low && status <= high) matches.Add(start);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) { }   // the rest of the entry
        }
        var page = new List<LoggedRequest>(Math.Clamp(matches.Count - skip, 0, take));
        for (var i = matches.Count - 1 - skip; i >= 0 && page.Count < take; i--) page.Add(ReadOne(firstAt, entries.AsSpan(matches[i])));
        return page;
    }

    /// <summary>The entry <paramref name="entry"/> starts with.</summary>
    private static LoggedRequest ReadOne(DateTime firstAt, ReadOnlySpan<byte> entry)
    {
        var reader = new Utf8JsonReader(entry);
        reader.Read();   // [
        reader.Read(); var at = firstAt.AddTicks(reader.GetInt64() * 10);
        reader.Read(); var method = reader.GetString()!;
        reader.Read(); var route = reader.GetString()!;
        reader.Read(); var pathIds = reader.GetString()!;
        reader.Read(); var status = reader.GetInt16();
        reader.Read(); var duration = reader.GetSingle();
        reader.Read(); var detail = reader.GetString();
        reader.Read(); var client = reader.GetString();
        reader.Read(); var agent = reader.GetString();
        reader.Read(); var requestId = reader.GetString()!;
        return new LoggedRequest(at, method, route, pathIds, status, duration, detail, client, agent, requestId);
    }
}
