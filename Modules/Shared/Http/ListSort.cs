namespace RetailPerformer.Shared.Http;

/// <summary>
/// <c>?sort=&lt;field&gt;&amp;order=asc|desc</c> of the dashboard document: a list names the fields it sorts on and the SQL of
/// each (a whitelist: what reaches the SQL is never the caller's text), its default, and a tie-breaker so pages are stable.
/// </summary>
public sealed class ListSort(string defaultField, bool defaultDescending, string tieBreaker, IReadOnlyDictionary<string, string> fields)
{
    public IEnumerable<string> Fields => fields.Keys;

    public bool Knows(string field) => fields.ContainsKey(field);

    /// <summary>The ORDER BY clause's content for validated <paramref name="sort"/> and <paramref name="order"/>.</summary>
    public string OrderBy(string? sort, string? order)
    {
        var descending = order is null ? sort is null && defaultDescending : order == "desc";
        return $"{fields[sort ?? defaultField]} {(descending ? "DESC" : "ASC")} NULLS LAST, {tieBreaker}";
    }

    public string UnknownFieldMessage => $"'sort' must be one of: {string.Join(", ", Fields)}";

    public string Description => $"`sort`: {string.Join(", ", Fields)} (default {defaultField}, {(defaultDescending ? "newest" : "ascending")} first); `order`: asc | desc";
}
