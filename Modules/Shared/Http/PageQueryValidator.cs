using FluentValidation;

namespace RetailPerformer.Shared.Http;

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
