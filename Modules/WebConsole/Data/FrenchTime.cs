namespace RetailPerformer.WebConsole.Data;

/// <summary>Dates as a French reader expects them: "il y a 3 h" for recent moments (the guide asks to watch them), else the date.</summary>
internal static class FrenchTime
{
    public static string Ago(DateTimeOffset? moment, DateTimeOffset now)
    {
        if (moment is not { } then) return "jamais";
        var elapsed = now - then;
        return elapsed.TotalMinutes < 1 ? "à l'instant"
            : elapsed.TotalHours < 1 ? $"il y a {(int)elapsed.TotalMinutes} min"
            : elapsed.TotalDays < 1 ? $"il y a {(int)elapsed.TotalHours} h"
            : elapsed.TotalDays < 30 ? $"il y a {(int)elapsed.TotalDays} j"
            : Date(then);
    }

    public static string Date(DateTimeOffset? moment) => moment is { } value ? value.UtcDateTime.ToString("dd/MM/yyyy") : "—";

    /// <summary>A moment to the second, in UTC (the log's time; the page says so).</summary>
    public static string Moment(DateTimeOffset moment) => moment.UtcDateTime.ToString("dd/MM/yyyy HH:mm:ss") + " UTC";
}
