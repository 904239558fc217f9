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

public static class Policies
{
    public const string SignedIn = "signed-in";
    public const string Gerant = "role:gerant";
    public const string Manager = "role:manager";
    public const string Seller = "role:seller";

    /// <summary>
    /// The app API's scheme (bearer token of a signed-in person) and one policy per role. The integration API's
    /// keys and scopes are not framework policies: <see cref="ApiKeyGate"/> checks them.
    /// </summary>
    public static IServiceCollection AddRetailPerformerAuth(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, UserAuthenticationHandler>(UserAuthenticationHandler.SchemeName, null)
            .AddBearerToken(UserAuthenticationHandler.TokenSchemeName, o => o.BearerTokenExpiration = UserTokens.Lifetime);

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        // The framework registers its authorization services as transient so that handlers may depend on scoped
        // services; ours are requirements handling themselves and depend on nothing, so one instance of each
        // serves every request instead of eight objects built for each (registered first: the framework's
        // TryAdd then keeps these).
        services.AddSingleton<IPolicyEvaluator, PolicyEvaluator>();
        services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        services.AddSingleton<IAuthorizationHandlerProvider, DefaultAuthorizationHandlerProvider>();
        services.AddSingleton<IAuthorizationEvaluator, DefaultAuthorizationEvaluator>();
        services.AddSingleton<IAuthorizationHandlerContextFactory, DefaultAuthorizationHandlerContextFactory>();
        services.AddSingleton<IAuthorizationHandler, PassThroughAuthorizationHandler>();

        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(UserAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Gerant, p => p.AddAuthenticationSchemes(UserAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .AddRequirements(new RoleRequirement(Roles.Gerant)))
            .AddPolicy(Manager, p => p.AddAuthenticationSchemes(UserAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .AddRequirements(new RoleRequirement(Roles.Manager)))
            .AddPolicy(Seller, p => p.AddAuthenticationSchemes(UserAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .AddRequirements(new RoleRequirement(Roles.Seller)));

        return services;
    }
}

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
