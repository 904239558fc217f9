using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Shared.Auth;

/// <summary>Requires a signed-in person with one of the given roles.</summary>
public sealed class RoleRequirement(params string[] roles) : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (requirement.Roles.Any(r => context.User.HasClaim(AppUser.RoleClaim, r))) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public string FailureMessage => $"This action is reserved to: {string.Join(", ", Roles)}";
}
