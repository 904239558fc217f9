using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// Who a request comes from, for the sign-in throttle and the anonymous request limits: the connection's address,
/// or the address in <c>X-Forwarded-For</c> only when the connection comes from a proxy listed in
/// <c>Proxy:TrustedAddresses</c> (otherwise anyone could pick the address they are counted under).
/// </summary>
public static class ClientAddresses
{
    public const string TrustedAddressesKey = "Proxy:TrustedAddresses";

    private static string[] TrustedProxies(IConfiguration configuration) => configuration.GetSection(TrustedAddressesKey).Get<string[]>() ?? [];

    public static IServiceCollection AddClientAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = TrustedProxies(configuration);
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what configuration names is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in trusted) options.KnownProxies.Add(IPAddress.Parse(address));
            options.ForwardLimit = 1;
        });
    }

    /// <summary>
    /// Rewrites the connection's remote address from <c>X-Forwarded-For</c> for trusted proxies only — and not at all when
    /// none is configured: the framework's middleware trusts <em>every</em> proxy when its lists are empty.
    /// </summary>
    public static IApplicationBuilder UseClientAddresses(this IApplicationBuilder app, IConfiguration configuration) =>
        TrustedProxies(configuration).Length == 0 ? app : app.UseForwardedHeaders();

    /// <summary>The client's address as the throttles key it (the person's, for the web console's own calls; "unknown" for in-process test servers).</summary>
    public static string Of(HttpContext context) => ConsoleHop.ClientOf(context) ?? TextOf(context.Connection.RemoteIpAddress) ?? "unknown";

    // The last address a thread formatted, and its text: the request log keeps the text of every integration request for up
    // to a second, and a string made for each request and kept that long survives the GC's youngest generation, which makes
    // every collection longer (see LoggedRequestId). A client's requests come again and again from the same address.
    [ThreadStatic] private static IPAddress? t_lastAddress;
    [ThreadStatic] private static string? t_lastText;

    private static string? TextOf(IPAddress? address)
    {
        if (address is null) return null;
        if (address.Equals(t_lastAddress)) return t_lastText;
        var text = address.ToString();
        t_lastAddress = address;
        t_lastText = text;
        return text;
    }
}
