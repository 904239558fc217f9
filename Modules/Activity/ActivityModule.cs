using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Activity.KeyUsage;
using RetailPerformer.Activity.ListKeyRequests;
using RetailPerformer.Activity.ListRefusals;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Activity;

/// <summary>
/// The Activity module's one public door (issue 15): the integration's memory — every request of the integration API,
/// logged off the request's path (<see cref="RequestLog"/>), kept in daily partitions dropped after the retention —
/// and what the gérant reads of it.
/// </summary>
public static class ActivityModule
{
    public const string Schema = "activity";

    public static IServiceCollection AddActivityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(ActivityModule).Assembly);
        services.AddValidatorsFrom(typeof(ActivityModule).Assembly);
        var settings = new RequestLogSettings(
            configuration.GetValue("RequestLog:Enabled", true),
            configuration.GetValue("RequestLog:RetentionDays", 90),
            configuration.GetValue("RequestLog:BufferSize", 100_000));
        services.AddSingleton(settings);
        services.AddSingleton<RequestLog>();
        services.AddSingleton<RequestLogPartitions>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogPartitions>());
        services.AddHostedService<RequestLogWriter>();
        // The problem's detail, for the request's log line, as every problem of the host is written.
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var earlier = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = problem =>
            {
                earlier?.Invoke(problem);
                problem.HttpContext.Features.Set(new ProblemDetail(problem.ProblemDetails.Detail));
            };
        });
        return services;
    }

    /// <summary>Records integration requests; goes before the key gate, so that its refusals are recorded too.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<RequestLogSettings>().Enabled ? app.UseMiddleware<RequestLogMiddleware>() : app;

    public static IEndpointRouteBuilder MapActivityModule(this IEndpointRouteBuilder routes)
    {
        var gerant = routes.MapGroup("/api/gerant/api-keys").WithTags("API keys").RequireAuthorization(Policies.Gerant);
        gerant.MapListRefusals();
        gerant.MapListKeyRequests();
        gerant.MapKeyUsage();
        return routes;
    }
}
