using Microsoft.AspNetCore.Authorization;

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
