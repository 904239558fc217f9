using Microsoft.AspNetCore.Mvc;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// <c>?start_date=&amp;end_date=</c> of a history (the request log, the sync history): both optional, inclusive, whole
/// UTC days.
/// </summary>
public sealed record PeriodFilter
{
    [FromQuery(Name = "start_date"), ApiFormat(ApiFormatAttribute.Date)] public string? StartDate { get; init; }
    [FromQuery(Name = "end_date"), ApiFormat(ApiFormatAttribute.Date)] public string? EndDate { get; init; }

    /// <summary>The instants it covers, from (inclusive) to (exclusive); open ends are far away.</summary>
    public (DateTime From, DateTime To) Instants => (
        Dates.TryParseIso(StartDate, out var start) ? start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Dates.TryParseIso(EndDate, out var end) ? end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : new DateTime(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
}
