using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;
using RetailPerformer.Webhooks.CreateWebhook;
using RetailPerformer.Webhooks.DeleteWebhook;
using RetailPerformer.Webhooks.GetWebhook;
using RetailPerformer.Webhooks.ListDeliveries;
using RetailPerformer.Webhooks.ListWebhooks;
using RetailPerformer.Webhooks.ReplayDelivery;
using RetailPerformer.Webhooks.ReplayFailedDeliveries;
using RetailPerformer.Webhooks.RotateWebhookSecret;
using RetailPerformer.Webhooks.SendTestEvent;
using RetailPerformer.Webhooks.UpdateWebhook;

namespace RetailPerformer.Webhooks;

/// <summary>
/// The Webhooks module's one public door (issue 16): the gérant's endpoints, the outbox every module writes its events to
/// (<see cref="IEventOutbox"/>), and the dispatcher that delivers them, signed, retried and logged, from any host.
/// </summary>
public static class WebhooksModule
{
    public const string Schema = "webhooks";

    public static IServiceCollection AddWebhooksModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(WebhooksModule).Assembly);
        services.AddValidatorsFrom(typeof(WebhooksModule).Assembly);
        services.AddSingleton(WebhookSettings.From(configuration));
        services.AddSingleton<EndpointAddresses>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<IEventOutbox, EventOutbox>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksModule(this IEndpointRouteBuilder routes)
    {
        var gerant = routes.MapGroup("/api/gerant/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Gerant)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        gerant.MapCreateWebhook();
        gerant.MapListWebhooks();
        gerant.MapGetWebhook();
        gerant.MapUpdateWebhook();
        gerant.MapDeleteWebhook();
        gerant.MapRotateWebhookSecret();
        gerant.MapSendTestEvent();
        gerant.MapListDeliveries();
        gerant.MapReplayDelivery();
        gerant.MapReplayFailedDeliveries();
        return routes;
    }
}
