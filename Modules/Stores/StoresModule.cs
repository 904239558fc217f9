using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Stores.CreateStore;
using RetailPerformer.Stores.DeleteStore;
using RetailPerformer.Stores.GetStore;
using RetailPerformer.Stores.ListStores;
using RetailPerformer.Stores.MyStores;
using RetailPerformer.Shared.Contracts.Stores;

namespace RetailPerformer.Stores;

/// <summary>The Stores module's one public door.</summary>
public static class StoresModule
{
    public const string Schema = "stores";

    public static IServiceCollection AddStoresModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(StoresModule).Assembly);
        services.AddValidatorsFrom(typeof(StoresModule).Assembly);
        services.AddSingleton<IStoreDirectory, StoreDirectory>();
        services.AddKeyedSingleton<IStoreDirectory>(StandbyReads.Key, (provider, _) => new StoreDirectory(provider.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(StandbyReads.Key)));   // reads a standby may serve
        return services;
    }

    public static IEndpointRouteBuilder MapStoresModule(this IEndpointRouteBuilder routes)
    {
        routes.MapIntegrationEndpoints("Stores", (group, family) =>
        {
            group.MapListStores(family);
            group.MapGetStore(family);
            group.MapCreateStore(family);
            group.MapDeleteStore(family);
            group.MapMyStores(family);
        });
        return routes;
    }
}
