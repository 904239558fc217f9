using Microsoft.Extensions.DependencyInjection;

namespace RetailPerformer.Users.Data;

internal static class AnonymousRequestLimitExtensions
{
    /// <summary>The route counts against its caller's address (<see cref="AnonymousRequestLimit"/>).</summary>
    public static RouteHandlerBuilder LimitPerClientAddress(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var limit = invocation.HttpContext.RequestServices.GetRequiredService<AnonymousRequestLimit>();
            if (limit.TryAcquire(invocation.HttpContext) is { } retryAfter)
            {
                Problems.SetRetryAfter(invocation.HttpContext.Response, retryAfter);
                return Problems.Status(StatusCodes.Status429TooManyRequests, AnonymousRequestLimit.Message);
            }
            return await next(invocation);
        }).DocumentsProblem(StatusCodes.Status429TooManyRequests, AnonymousRequestLimit.Message);
}
