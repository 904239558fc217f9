using System.Globalization;

namespace RetailPerformer.Shared.Http;

/// <summary>The one date format of the API: <c>YYYY-MM-DD</c>, nothing looser.</summary>
public static class Dates
{
    public static bool TryParseIso(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
