using FluentValidation;

namespace RetailPerformer.Shared.Http;

/// <summary>Shared by every history with a period filter (registered by the host).</summary>
public sealed class PeriodFilterValidator : AbstractValidator<PeriodFilter>
{
    public const string StartAfterEnd = "'start_date' must not be after 'end_date'";

    public PeriodFilterValidator()
    {
        RuleFor(x => x.StartDate).Must(d => d is null || Dates.TryParseIso(d, out _)).WithMessage("'start_date' must be a date formatted YYYY-MM-DD");
        RuleFor(x => x.EndDate).Must(d => d is null || Dates.TryParseIso(d, out _)).WithMessage("'end_date' must be a date formatted YYYY-MM-DD");
        RuleFor(x => x).Must(x => !Dates.TryParseIso(x.StartDate, out var s) || !Dates.TryParseIso(x.EndDate, out var e) || s <= e)
            .OverridePropertyName("start_date").WithMessage(StartAfterEnd);
    }
}
