using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host with one extra route that fails the way a bug would, with SQL in its message.</summary>
public sealed class FaultyApiFactory : ApiFactory
{
    public const string SecretSql = "SELECT password_hash FROM users.users -- internal";

    protected internal override void ConfigureWebHost(IWebHostBuilder builder, string connectionString, CapturedLogs logs)
    {
        base.ConfigureWebHost(builder, connectionString, logs);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingRoute>());
    }

    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // After the app's own pipeline, so its exception handler is around it.
            app.Map("/__bug", bug => bug.Run(_ => throw new InvalidOperationException(SecretSql)));
        };
    }
}
