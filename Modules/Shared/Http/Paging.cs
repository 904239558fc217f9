using FluentValidation;
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

public sealed record PageMeta(int Page, int Limit, long Total, long Pages)
{
    public static PageMeta For(PageQuery query, long total) =>
        new(query.PageNumber, query.PageSize, total, total == 0 ? 0 : (total + query.PageSize - 1) / query.PageSize);
}

/// <summary>Shared by every list endpoint (registered by the host).</summary>
public sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public const int MaximumPage = 1_000_000;

    public PageQueryValidator()
    {
        RuleFor(x => x.Page).InclusiveBetween(1, MaximumPage);
        RuleFor(x => x.Limit).InclusiveBetween(1, PageQuery.MaxLimit);
    }
}
