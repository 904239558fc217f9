using System.Text.Json;
using RetailPerformer.Host.ApiReference;
using RetailPerformer.Host.Errors;
using RetailPerformer.Host.Operations;
using RetailPerformer.Activity;
using RetailPerformer.Kpi;
using RetailPerformer.Keys;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;
using RetailPerformer.Shared.Text;
using RetailPerformer.Stats;
using RetailPerformer.Stores;
using RetailPerformer.Users;
using RetailPerformer.WebConsole;
using RetailPerformer.Webhooks;

var builder = WebApplication.CreateBuilder(args);

// No connection string configured: provision and run this checkout's own PostgreSQL (see README).
var localCluster = await LocalDatabase.StartIfNotConfiguredAsync(builder);
var connectionString = builder.Configuration.GetConnectionString(LocalDatabase.ConnectionStringName)!;

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", 256 * 1024);
    kestrel.AddServerHeader = false;
});

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.Converters.Add(new NulGuard.NulRefusingStringConverter());
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<UserTokens>();
builder.Services.AddSingleton<RetailPerformer.Shared.Operations.ProductMeter>();
builder.Services.AddSingleton<PrometheusMetrics>();
builder.Services.AddRetailPerformerDatabase(connectionString, builder.Configuration.GetConnectionString(DirectDatabase.ConnectionStringName),
    builder.Configuration.GetConnectionString(StandbyReads.ConnectionStringName));
builder.Services.AddSharedKeyRing(builder.Configuration);   // tokens and cookies read by every host (issue 18)
builder.Services.AddRetailPerformerAuth();
builder.Services.AddApiKeyRateLimiting(builder.Configuration);
builder.Services.AddRetailPerformerOpenApi(builder.Configuration);
builder.Services.AddClientAddresses(builder.Configuration);
ValidationFilter.UseSnakeCasePropertyNames();
builder.Services.AddValidatorsFrom(typeof(PageQuery).Assembly);

// The modules, explicitly. Migrations run in this order.
builder.Services
    .AddUsersModule(builder.Configuration)
    .AddStoresModule(builder.Configuration)
    .AddKeysModule(builder.Configuration)
    .AddKpiModule(builder.Configuration)
    .AddStatsModule(builder.Configuration)
    .AddActivityModule(builder.Configuration)
    .AddWebhooksModule(builder.Configuration)
    .AddWebConsoleModule(builder.Configuration);

var app = builder.Build();
app.Services.GetRequiredService<PrometheusMetrics>();   // listening from the first request on, not from the first scrape

app.UseClientAddresses(app.Configuration);   // X-Forwarded-For, only from the proxies configured as trusted
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseNoSniff();
app.UseNulGuard();          // NUL in the query or the path: 400 (bodies: the JSON converter above)
app.UseHeadAsGet();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();   // the console's forms (after authentication and authorization, as the framework asks)
app.UseRequestLog();   // every integration request, the gate's refusals included
app.UseApiKeyGate();   // integration routes: API key, scope, the key's rate budget
app.UseIdempotencyKeys();

// The one document, by its literal path: any other name is the API's own 404 problem details.
app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
app.MapApiReference();
app.MapHealth();
app.MapUsersModule();
app.MapStoresModule();
app.MapKeysModule();
app.MapKpiModule();
app.MapStatsModule();
app.MapActivityModule();
app.MapWebhooksModule();
app.MapWebConsoleModule();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
        app.Logger.LogInformation("Retail Performer API on {Url} — reference page {Url}{Page}", url, url, ApiReferenceEndpoints.PagePath);
});

try
{
    await app.RunAsync();
}
finally
{
    // Also when start-up fails (a migration, a taken port): never leave the database we started behind.
    if (localCluster is not null) await localCluster.StopAsync();
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
