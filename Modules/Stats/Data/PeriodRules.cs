namespace RetailPerformer.Stats.Data;

/// <summary>The rules of a period query, one wording for every route that takes one (my-stats, coverage).</summary>
internal static class PeriodRules
{
    /// <summary>The calendar the statistics can be asked about (its end must leave room for "the month after").</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2999, 12, 31);
    private static readonly string OutOfRange = $"must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}";
    public const string StartAfterEnd = PeriodFilterValidator.StartAfterEnd;

    /// <summary>Both dates required, well formed, in the calendar, start ≤ end, and at most <paramref name="maximumDays"/> days.</summary>
    public static void ValidPeriod<T>(this AbstractValidator<T> validator, int maximumDays) where T : IPeriodQuery
    {
        validator.RuleFor(x => x.StartDate).NotEmpty().Must(d => Dates.TryParseIso(d, out _)).WithMessage("'start_date' must be a date formatted YYYY-MM-DD")
            .Must(InRange).WithMessage($"'start_date' {OutOfRange}");
        validator.RuleFor(x => x.EndDate).NotEmpty().Must(d => Dates.TryParseIso(d, out _)).WithMessage("'end_date' must be a date formatted YYYY-MM-DD")
            .Must(InRange).WithMessage($"'end_date' {OutOfRange}");
        validator.RuleFor(x => x).Must(x => !Dates.TryParseIso(x.StartDate, out var s) || !Dates.TryParseIso(x.EndDate, out var e) || s <= e)
            .OverridePropertyName("start_date").WithMessage(StartAfterEnd);
        validator.RuleFor(x => x).Must(x => !Dates.TryParseIso(x.StartDate, out var s) || !Dates.TryParseIso(x.EndDate, out var e) || e.DayNumber - s.DayNumber < maximumDays)
            .OverridePropertyName("end_date").WithMessage($"The period spans at most {maximumDays} days");
    }

    /// <summary>The period of a query that passed <see cref="ValidPeriod{T}"/>.</summary>
    public static (DateOnly Start, DateOnly End) Of(IPeriodQuery query)
    {
        Dates.TryParseIso(query.StartDate, out var start);
        Dates.TryParseIso(query.EndDate, out var end);
        return (start, end);
    }

    private static bool InRange(string? text) => !Dates.TryParseIso(text, out var date) || (date >= Earliest && date <= Latest);
}
