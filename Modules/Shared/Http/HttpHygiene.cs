using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Http;

/// <summary>Headers and methods every answer of the API gets right, whatever the slice.</summary>
public static class HttpHygiene
{
    /// <summary>
    /// <c>X-Content-Type-Options: nosniff</c> on every answer. Set when the answer starts rather than now: the
    /// exception handler clears the headers of a failed request before it writes its problem details.
    /// </summary>
    public static IApplicationBuilder UseNoSniff(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });

    /// <summary>
    /// <c>HEAD</c> answers every <c>GET</c> route: the request is routed as the GET it describes, and Kestrel, which
    /// still knows it was HEAD, sends the status and headers without the body. Must run before routing.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsHead(context.Request.Method)) context.Request.Method = HttpMethods.Get;
        return next(context);
    });

    /// <summary>Answers carrying a secret or a token (a key, a sign-in token) must not be kept by any cache.</summary>
    public static RouteHandlerBuilder NoStore(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            invocation.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(invocation);
        });
}
