using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host whose clock the tests move (<see cref="Clock"/>), with a small per-key rate: 1 a second, bursts of 3.</summary>
public class ClockedApiFactory : ApiFactory
{
    public ManualClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerSecond"] = "1",
        ["RateLimiting:Burst"] = "3",
    };

    protected internal override void ConfigureWebHost(IWebHostBuilder builder, string connectionString, CapturedLogs logs)
    {
        base.ConfigureWebHost(builder, connectionString, logs);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}
