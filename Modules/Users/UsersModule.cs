using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Users;

/// <summary>The Users module's one public door.</summary>
public static class UsersModule
{
    public const string Schema = "users";

    public static IServiceCollection AddUsersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(UsersModule).Assembly);
        services.AddValidatorsFrom(typeof(UsersModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapUsersModule(this IEndpointRouteBuilder routes)
    {
        return routes;
    }
}
