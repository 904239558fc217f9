using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Shared.Auth;

/// <summary>Turns a refused authorization into the contract's 403 problem details, naming the roles the action is reserved to.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && result.AuthorizationFailure is { } failure)
        {
            if (failure.FailedRequirements.OfType<RoleRequirement>().FirstOrDefault()?.FailureMessage is { } message)
                return Problems.WriteAsync(context, StatusCodes.Status403Forbidden, message);
        }
        return _default.HandleAsync(next, context, policy, result);
    }
}
