using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Stores;

/// <summary>The Stores module's one public door.</summary>
public static class StoresModule
{
    public const string Schema = "stores";

    public static IServiceCollection AddStoresModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(StoresModule).Assembly);
        services.AddValidatorsFrom(typeof(StoresModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapStoresModule(this IEndpointRouteBuilder routes)
    {
        return routes;
    }
}
