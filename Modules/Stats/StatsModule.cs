using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Stats;

/// <summary>The Stats module's one public door.</summary>
public static class StatsModule
{
    public const string Schema = "stats";

    public static IServiceCollection AddStatsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(StatsModule).Assembly);
        services.AddValidatorsFrom(typeof(StatsModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapStatsModule(this IEndpointRouteBuilder routes)
    {
        return routes;
    }
}
