using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Kpi.ListSyncHistory;
using RetailPerformer.Kpi.ManagerStoreKpi;
using RetailPerformer.Kpi.SellerKpiEntry;
using RetailPerformer.Kpi.SyncKpi;
using RetailPerformer.Shared.Contracts.Kpi;

namespace RetailPerformer.Kpi;

/// <summary>The Kpi module's one public door: kpi/sync, the seller's and manager's KPI entry, their sync history, and the totals statistics read.</summary>
public static class KpiModule
{
    public const string Schema = "kpi";

    public static IServiceCollection AddKpiModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(KpiModule).Assembly);
        services.AddValidatorsFrom(typeof(KpiModule).Assembly);
        services.AddSingleton<KpiWriter>();
        services.AddSingleton<SyncHistory>();
        services.AddSingleton<IKpiTotals, KpiTotalsReader>();
        services.AddKeyedSingleton<IKpiTotals>(StandbyReads.Key, (provider, _) => new KpiTotalsReader(provider.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(StandbyReads.Key)));   // reads a standby may serve
        return services;
    }

    public static IEndpointRouteBuilder MapKpiModule(this IEndpointRouteBuilder routes)
    {
        routes.MapIntegrationEndpoints("KPI", (group, family) => group.MapSyncKpi(family));
        routes.MapSellerKpiEntry();
        routes.MapManagerStoreKpi();
        routes.MapListSyncHistory();
        return routes;
    }
}
