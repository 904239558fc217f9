using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.Operations;

/// <summary>
/// A token bucket per API key (the framework's rate limiter): a key may burst up to
/// <c>RateLimiting:Burst</c> requests and sustain <c>RateLimiting:PermitsPerSecond</c>. Buckets are
/// per key, so one integration's burst never slows another's. Requests without a resolved key
/// (app API, health, reference page) are not limited here.
/// </summary>
internal static class ApiKeyRateLimiting
{
    public sealed record Settings(int PermitsPerSecond = 50, int Burst = 100);

    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimiting").Get<Settings>() ?? new Settings();
        if (settings.PermitsPerSecond < 1 || settings.Burst < 1)
            throw new InvalidOperationException("RateLimiting:PermitsPerSecond and RateLimiting:Burst must be at least 1");

        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Guid>(context =>
                context.Features.Get<ApiKeyCaller>() is { } caller
                    ? RateLimitPartition.GetTokenBucketLimiter(caller.KeyId, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = settings.Burst,
                        TokensPerPeriod = settings.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(Guid.Empty));

            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var delay)
                    ? Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds))
                    : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString();
                await Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ProblemMessages.RateLimited);
            };
        });
    }
}
