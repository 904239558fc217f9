using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RetailPerformer.Shared.Auth;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// The one store check of the integration API: a key restricted by <c>store_ids</c> reaches only
/// those stores (403 otherwise). Whether the store exists in the tenant is the slice's 404.
/// </summary>
public static class StoreAccess
{
    /// <summary>null when the caller may touch the store, else the contract's 403.</summary>
    public static ProblemHttpResult? Check(ApiKeyCaller caller, Guid storeId) =>
        caller.CanAccessStore(storeId) ? null : Problems.Forbidden(ProblemMessages.StoreNotInKeyList);

    /// <summary>Same check on a <c>{store_id}</c> route value, as a filter that runs before validation and the slice.
    /// A value that is not an id is left to the slice, which answers 404.</summary>
    public static RouteHandlerBuilder RequireStoreAccess(this RouteHandlerBuilder builder, string routeValue = "store_id")
    {
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var caller = invocation.HttpContext.Features.Get<ApiKeyCaller>();
            if (caller is { IsRestricted: true }
                && Ids.TryParse(invocation.HttpContext.Request.RouteValues[routeValue] as string, out var storeId)
                && Check(caller, storeId) is { } forbidden)
                return forbidden;
            return await next(invocation);
        });
        return builder.ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

/// <summary>Ids are UUIDs; anything else names nothing that exists (404, not 400: integrators' own ids such as "store-123" are simply unknown).</summary>
public static class Ids
{
    public static bool TryParse(string? value, out Guid id) => Guid.TryParse(value, out id);
}
