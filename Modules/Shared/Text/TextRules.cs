using FluentValidation;

namespace RetailPerformer.Shared.Text;

public static class TextRules
{
    /// <summary>Names and emails: no control character (line breaks, tabs, NUL, escape…).</summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => !UserText.HasControlCharacter(value)).WithMessage("'{PropertyName}' must not contain control characters");
}
