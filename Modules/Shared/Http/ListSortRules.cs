using FluentValidation;
using Microsoft.AspNetCore.Builder;

namespace RetailPerformer.Shared.Http;

public static class ListSortRules
{
    public static void ValidSort<T>(this AbstractValidator<T> validator, ListSort sort) where T : ISortedQuery
    {
        validator.RuleFor(x => x.Sort).Must(s => s is null || sort.Knows(s))
            .WithMessage(sort.UnknownFieldMessage);
        validator.RuleFor(x => x.Order).Must(o => o is null or "asc" or "desc").WithMessage("'order' must be asc or desc");
    }

    /// <summary>The list's route sorts by <paramref name="sort"/>: the reference lists its fields and the 400 an unknown one gets.</summary>
    public static RouteHandlerBuilder SortedBy(this RouteHandlerBuilder builder, ListSort sort) =>
        builder.WithMetadata(sort).DocumentsInvalidField("sort", sort.UnknownFieldMessage);

    /// <summary>A filter taking one of a few values (<c>?status=active</c>): anything else is 400 naming it.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, string name, params string[] values) =>
        rule.Must(v => v is null || values.Contains(v)).WithMessage($"'{name}' must be one of: {string.Join(", ", values)}");
}
