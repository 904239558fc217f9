using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RetailPerformer.Shared.Auth;

public static class ApiKeyRateLimiting
{
    /// <summary>The per-key budget, from the <c>RateLimiting</c> section (defaults: 50 per second, bursts of 100).</summary>
    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimiting").Get<ApiKeyRateLimiter.Settings>() ?? new ApiKeyRateLimiter.Settings();
        services.AddSingleton(settings);
        return services.AddSingleton(provider => new ApiKeyRateLimiter(settings, provider.GetRequiredService<TimeProvider>()));
    }
}
