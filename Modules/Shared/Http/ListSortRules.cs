using FluentValidation;

namespace RetailPerformer.Shared.Http;

public static class ListSortRules
{
    public static void ValidSort<T>(this AbstractValidator<T> validator, ListSort sort) where T : ISortedQuery
    {
        validator.RuleFor(x => x.Sort).Must(s => s is null || sort.Knows(s))
            .WithMessage($"'sort' must be one of: {string.Join(", ", sort.Fields)}");
        validator.RuleFor(x => x.Order).Must(o => o is null or "asc" or "desc").WithMessage("'order' must be asc or desc");
    }

    /// <summary>A filter taking one of a few values (<c>?status=active</c>): anything else is 400 naming it.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, string name, params string[] values) =>
        rule.Must(v => v is null || values.Contains(v)).WithMessage($"'{name}' must be one of: {string.Join(", ", values)}");
}
