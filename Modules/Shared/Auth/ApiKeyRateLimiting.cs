using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RetailPerformer.Shared.Auth;

public static class ApiKeyRateLimiting
{
    /// <summary>
    /// The per-key budget, from the <c>RateLimiting</c> section (defaults: 50 per second, bursts of 100, one budget for
    /// all hosts leased 0.1 s of rate at a time).
    /// </summary>
    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimiting").Get<ApiKeyRateLimiter.Settings>() ?? new ApiKeyRateLimiter.Settings();
        services.AddSingleton(settings);
        services.AddSingleton(provider => new RateLeases(provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<TimeProvider>(), settings.LeaseSeconds, provider.GetRequiredService<ILogger<RateLeases>>()));
        return services.AddSingleton(provider => new ApiKeyRateLimiter(settings, provider.GetRequiredService<TimeProvider>(),
            settings.Shared ? provider.GetRequiredService<RateLeases>() : null));
    }
}
