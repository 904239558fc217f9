using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Contracts;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;
using RetailPerformer.Users.Accounts;
using RetailPerformer.Users.ChangePassword;
using RetailPerformer.Users.Login;
using RetailPerformer.Users.Me;
using RetailPerformer.Users.Register;

namespace RetailPerformer.Users;

/// <summary>The Users module's one public door: gérants, managers and sellers, sign-in, invitations.</summary>
public static class UsersModule
{
    public const string Schema = "users";

    public static IServiceCollection AddUsersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(UsersModule).Assembly);
        services.AddValidatorsFrom(typeof(UsersModule).Assembly);
        services.AddSingleton<Passwords>();
        services.AddSingleton<IUserSessions, UserSessions>();
        return services;
    }

    public static IEndpointRouteBuilder MapUsersModule(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Auth");
        auth.MapRegister();
        auth.MapLogin();
        auth.MapMe();
        auth.MapChangePassword();
        return routes;
    }
}
