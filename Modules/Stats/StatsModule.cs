using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Stats.Coverage;
using RetailPerformer.Stats.MyStats;

namespace RetailPerformer.Stats;

/// <summary>
/// The Stats module's one public door: my-stats and coverage. It owns no table yet: it composes the Stores module's
/// list of stores with the Kpi module's per-store daily totals (kept by Kpi in the same transaction as
/// the KPI writes), each asked through its contract.
/// </summary>
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
        routes.MapIntegrationEndpoints("Statistics", (group, family) =>
        {
            group.MapMyStats(family);
            group.MapCoverage(family);
        });
        return routes;
    }
}
