using RetailPerformer.Shared.Http;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// Endpoint metadata of the integration API: the route needs a valid API key carrying one of
/// <see cref="AcceptedScopes"/> (none listed: any valid key). The most specific one wins, so a route's scope
/// replaces its group's "any key".
/// </summary>
public sealed record ApiKeyRequirement(IReadOnlyList<string> AcceptedScopes)
{
    public static readonly ApiKeyRequirement AnyKey = new([]);

    public bool IsMetBy(ApiKeyCaller caller)
    {
        if (AcceptedScopes.Count == 0) return true;
        foreach (var scope in AcceptedScopes)
            if (caller.Scopes.Contains(scope)) return true;
        return false;
    }

    public string FailureMessage => ProblemMessages.InsufficientPermissions(string.Join("' or '", AcceptedScopes));
}
