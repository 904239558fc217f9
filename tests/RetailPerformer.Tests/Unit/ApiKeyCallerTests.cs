using RetailPerformer.Shared.Auth;
using Shouldly;

namespace RetailPerformer.Tests.Unit;

public sealed class ApiKeyCallerTests
{
    [Fact]
    public void Two_callers_of_one_key_are_equal_whether_or_not_their_principal_was_built()
    {
        var scopes = new HashSet<string> { "stats:read" };
        var id = Guid.NewGuid();
        var first = new ApiKeyCaller(id, "k", Guid.Empty, Guid.Empty, scopes, null, null);
        var second = first with { };
        _ = first.Principal;

        first.ShouldBe(second);
        first.GetHashCode().ShouldBe(second.GetHashCode());
        first.ShouldNotBe(second with { KeyName = "other" });
    }
}
