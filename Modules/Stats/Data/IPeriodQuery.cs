namespace RetailPerformer.Stats.Data;

/// <summary>A query over a period of days: <c>?start_date=&amp;end_date=</c> (YYYY-MM-DD, inclusive).</summary>
internal interface IPeriodQuery
{
    string? StartDate { get; }
    string? EndDate { get; }
}
