using RetailPerformer.Shared.Data;

namespace RetailPerformer.Activity.Data;

/// <summary>The log's readers' helpers: commands read with typed getters (the log's bytea and arrays are not Dapper's), its ids and filters.</summary>
internal static class ActivitySql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values) =>
        new NpgsqlCommand(sql, connection).WithValues(values);

    /// <summary>The ids of a path as the log keeps them (comma-separated).</summary>
    public static Guid[] PathIds(string ids) => ids.Length == 0 ? [] : [.. ids.Split(',').Select(Guid.Parse)];

    /// <summary>A status filter — a class (<c>4xx</c>) or a code (<c>401</c>) — as the range of codes it covers.</summary>
    public static (short Low, short High) StatusRange(string? status) => status switch
    {
        null => (0, 999),
        [var digit, 'x', 'x'] => ((short)((digit - '0') * 100), (short)((digit - '0') * 100 + 99)),
        _ => (short.Parse(status), short.Parse(status)),
    };
}
