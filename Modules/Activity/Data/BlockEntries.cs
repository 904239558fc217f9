using System.Text.Json;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Reads a block's requests — the JSON the log writer wrote, <c>[[µs after the block's first, method, route, path ids,
/// status, ms, detail, client, agent, request id], …]</c> — in the order they were answered.
/// </summary>
internal static class BlockEntries
{
    public static List<LoggedRequest> Read(DateTime firstAt, byte[] entries)
    {
        var requests = new List<LoggedRequest>();
        var reader = new Utf8JsonReader(entries);
        reader.Read();   // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
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
            reader.Read();   // ]
            requests.Add(new LoggedRequest(at, method, route, pathIds, status, duration, detail, client, agent, requestId));
        }
        return requests;
    }
}
