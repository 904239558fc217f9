using System.Net;
using System.Text.Json;

namespace RetailPerformer.WebConsole.Data;

/// <summary>What the JSON API answered the console: its status and body; for a problem, its message and the fields it names.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public string? Detail => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("detail", out var detail) ? detail.GetString() : null;

    /// <summary>Each invalid field (its JSON name, without an index: <c>permissions[0]</c> is <c>permissions</c>) and its messages.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject()
                .GroupBy(e => e.Name.Split('[')[0])
                .ToDictionary(g => g.Key, g => string.Join(" ", g.SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString()))))
            : new Dictionary<string, string>();

    /// <summary>The message for the page's general error: the problem's detail, unless every field it names is shown beside its input.</summary>
    public string? GeneralError(params string[] fieldsShown) =>
        FieldErrors.Count > 0 && FieldErrors.Keys.All(fieldsShown.Contains) ? null : Detail;
}
