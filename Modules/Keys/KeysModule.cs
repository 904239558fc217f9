using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Keys;

/// <summary>The Keys module's one public door.</summary>
public static class KeysModule
{
    public const string Schema = "keys";

    public static IServiceCollection AddKeysModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(KeysModule).Assembly);
        services.AddValidatorsFrom(typeof(KeysModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapKeysModule(this IEndpointRouteBuilder routes)
    {
        return routes;
    }
}
