using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace RetailPerformer.Shared.Auth;

public static class Policies
{
    public const string SignedIn = "signed-in";
    public const string Gerant = "role:gerant";
    public const string Manager = "role:manager";
    public const string Seller = "role:seller";

    /// <summary>The roles a policy of this class admits (none for <see cref="SignedIn"/> or a policy not of this class).</summary>
    public static IReadOnlyList<string> RolesOf(string? policy) => policy switch
    {
        Gerant => [Roles.Gerant],
        Manager => [Roles.Manager],
        Seller => [Roles.Seller],
        _ => [],
    };

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
                .AddRequirements(new RoleRequirement([.. RolesOf(Gerant)])))
            .AddPolicy(Manager, p => p.AddAuthenticationSchemes(UserAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .AddRequirements(new RoleRequirement([.. RolesOf(Manager)])))
            .AddPolicy(Seller, p => p.AddAuthenticationSchemes(UserAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .AddRequirements(new RoleRequirement([.. RolesOf(Seller)])));

        return services;
    }
}
