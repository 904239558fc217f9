using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Kpi;

/// <summary>The Kpi module's one public door.</summary>
public static class KpiModule
{
    public const string Schema = "kpi";

    public static IServiceCollection AddKpiModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(KpiModule).Assembly);
        services.AddValidatorsFrom(typeof(KpiModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapKpiModule(this IEndpointRouteBuilder routes)
    {
        return routes;
    }
}
