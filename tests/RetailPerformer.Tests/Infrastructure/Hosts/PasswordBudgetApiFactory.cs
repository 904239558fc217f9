namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host that checks one password every two seconds.</summary>
public sealed class PasswordBudgetApiFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SignIn:PasswordChecksPerSecond"] = "0.5" };
}
