namespace RetailPerformer.Kpi.Data;

/// <summary>Rules every door of KPI entry shares.</summary>
internal static class KpiRules
{
    public const decimal MaximumCa = 1_000_000_000m;
    public const int MaximumCount = 1_000_000;
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>A day's KPI may arrive at most one day early (time zones ahead of UTC), never further in the future.</summary>
    public static DateOnly LatestDate(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);

    public static IRuleBuilderOptions<T, string?> ValidKpiDate<T>(this IRuleBuilder<T, string?> rule, TimeProvider clock) =>
        rule.NotEmpty()
            .Must(d => Dates.TryParseIso(d, out _)).WithMessage("'{PropertyName}' must be a date formatted YYYY-MM-DD")
            .Must(d => !Dates.TryParseIso(d, out var date) || (date >= EarliestDate && date <= LatestDate(clock)))
            .WithMessage(_ => $"'{{PropertyName}}' must be between {EarliestDate:yyyy-MM-dd} and {LatestDate(clock):yyyy-MM-dd}");

    public static void ValidMoney<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.NotNull().InclusiveBetween(0, MaximumCa).PrecisionScale(16, 2, ignoreTrailingZeros: true);

    public static void ValidCount<T>(this IRuleBuilder<T, int?> rule) => rule.NotNull().InclusiveBetween(0, MaximumCount);

    /// <summary>The figures of one seller's day, as the web app's two entry doors receive them.</summary>
    public static void ValidDayFigures<T>(this AbstractValidator<T> validator, TimeProvider clock) where T : IDayFigures
    {
        validator.RuleFor(x => x.Date).ValidKpiDate(clock);
        validator.RuleFor(x => x.CaJournalier).ValidMoney();
        validator.RuleFor(x => x.NbVentes).ValidCount();
        validator.RuleFor(x => x.NbArticles).ValidCount();
        validator.RuleFor(x => x.NbProspects).InclusiveBetween(0, MaximumCount);
    }
}
