using Microsoft.AspNetCore.Mvc;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// <c>?page=&amp;limit=</c> of the dashboard document; <c>limit</c> at most 100. The answer carries a
/// <c>meta</c> block with the totals.
/// </summary>
public sealed record PageQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "limit")] public int? Limit { get; init; }

    public int PageNumber => Page ?? 1;
    public int PageSize => Limit ?? DefaultLimit;
    public int Offset => (PageNumber - 1) * PageSize;
}
