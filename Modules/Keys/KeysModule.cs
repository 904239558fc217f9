using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Keys.CreateApiKey;
using RetailPerformer.Keys.DeactivateApiKey;
using RetailPerformer.Keys.GetApiKey;
using RetailPerformer.Keys.IntegrationMe;
using RetailPerformer.Keys.ListApiKeys;
using RetailPerformer.Keys.RegenerateApiKey;
using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Keys;

/// <summary>The Keys module's one public door: gérant key management and the key lookup behind authentication.</summary>
public static class KeysModule
{
    public const string Schema = "keys";

    public static IServiceCollection AddKeysModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(KeysModule).Assembly);
        services.AddValidatorsFrom(typeof(KeysModule).Assembly);
        var cacheSeconds = configuration.GetValue("Keys:CacheSeconds", 30);
        services.AddSingleton(new ApiKeyCache(TimeSpan.FromSeconds(cacheSeconds)));
        services.AddSingleton<KeyUsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyUsageRecorder>());
        services.AddHostedService<KeyRevocationListener>();
        services.AddSingleton<IApiKeyAuthenticator, ApiKeyAuthenticator>();
        services.AddSingleton<IApiKeyDirectory, ApiKeyDirectory>();
        services.AddSingleton<IdempotencyRecords>();
        services.AddSingleton<IIdempotencyRecords>(sp => sp.GetRequiredService<IdempotencyRecords>());
        services.AddHostedService<IdempotencyRecordsSweeper>();
        services.AddHostedService<KeyExpiryNotices>();
        return services;
    }

    public static IEndpointRouteBuilder MapKeysModule(this IEndpointRouteBuilder routes)
    {
        var gerant = routes.MapGroup("/api/gerant/api-keys").WithTags("API keys").RequireAuthorization(Policies.Gerant)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        gerant.MapCreateApiKey();
        gerant.MapListApiKeys();
        gerant.MapGetApiKey();
        gerant.MapRegenerateApiKey();
        gerant.MapDeactivateApiKey();

        routes.MapIntegrationEndpoints("API key", (group, family) => group.MapIntegrationMe(family));
        return routes;
    }
}
