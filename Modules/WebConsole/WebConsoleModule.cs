using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.WebConsole.Data;
using RetailPerformer.WebConsole.Layout;
using RetailPerformer.WebConsole.SignOut;

namespace RetailPerformer.WebConsole;

/// <summary>
/// The gérant's web console (issue 14), in French: Razor components rendered on the server (no interactive runtime),
/// plain form posts with antiforgery, a cookie session of its own scheme. It owns no table: it reads what other modules
/// provide (their contracts) and acts through the host's JSON API as the signed-in person (<see cref="ConsoleApi"/>).
/// </summary>
public static class WebConsoleModule
{
    public const string Schema = "console";

    public static IServiceCollection AddWebConsoleModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(o => o.Cookie.Name = "rp_console_antiforgery");
        services.AddAuthentication().AddCookie(ConsoleSession.Scheme, o =>
        {
            o.Cookie.Name = "rp_console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/connexion";
            o.AccessDeniedPath = "/";
            o.ReturnUrlParameter = "retour";
            // The session lasts as long as the API token it carries.
            o.ExpireTimeSpan = ConsoleSession.Lifetime;
            o.SlidingExpiration = false;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleSession.SignedInPolicy, p => p.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireAuthenticatedUser())
            .AddPolicy(ConsoleSession.StaffPolicy, p => p.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireAuthenticatedUser()
                .RequireClaim(ConsoleSession.RoleClaim, Roles.Gerant, Roles.Manager))
            .AddPolicy(ConsoleSession.GerantPolicy, p => p.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireAuthenticatedUser()
                .RequireClaim(ConsoleSession.RoleClaim, Roles.Gerant));
        services.AddHttpClient<ConsoleApi>().RemoveAllLoggers();   // the API logs the calls itself
        return services;
    }

    public static IEndpointRouteBuilder MapWebConsoleModule(this IEndpointRouteBuilder routes)
    {
        routes.MapRazorComponents<App>();
        routes.MapSignOut();
        foreach (var (name, type) in new[] { ("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8") })
        {
            var bytes = Asset(name);
            routes.MapGet($"/console/{name}", (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Bytes(bytes, type);
            }).ExcludeFromDescription().AllowAnonymous();
        }
        return routes;
    }

    private static byte[] Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"console/{name}")
            ?? throw new InvalidOperationException($"The console's {name} is not embedded");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
