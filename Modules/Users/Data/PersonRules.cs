
namespace RetailPerformer.Users.Data;

internal static class PersonRules
{
    public static void ValidPersonFields<T>(this AbstractValidator<T> validator) where T : IPersonFields
    {
        validator.RuleFor(x => x.Name).NotEmpty().MaximumLength(100).NoControlCharacters();
        validator.RuleFor(x => x.Email).ValidEmail();
        validator.RuleFor(x => x.Phone).MaximumLength(50);
        validator.RuleFor(x => x.ExternalId).MaximumLength(200);
    }
}
