using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// The one store check of the integration API: a key restricted by <c>store_ids</c> reaches only those stores, and a
/// route that reaches a store declares where the store comes from with <see cref="RequireStoreAccess"/>; the filter
/// answers 403 before the slice runs. Lists (stores, users, my-stores, my-stats) are filtered by
/// <see cref="ApiKeyCaller.AllowedStoreIds"/> instead. Whether the store or person exists in the tenant is the slice's
/// 404: a value that is not an id, or names nothing, is passed on.
/// </summary>
public static class StoreAccess
{
    /// <summary>null when the caller may touch the store, else the contract's 403.</summary>
    public static ProblemHttpResult? Check(ApiKeyCaller caller, Guid storeId) =>
        caller.CanAccessStore(storeId) ? null : Problems.Forbidden(ProblemMessages.StoreNotInKeyList);

    public static RouteHandlerBuilder RequireStoreAccess(this RouteHandlerBuilder builder, StoreFrom from)
    {
        builder.WithMetadata(from);
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var caller = invocation.HttpContext.Features.Get<ApiKeyCaller>();
            if (caller is not { IsRestricted: true }) return await next(invocation);
            var refused = from switch
            {
                StoreFrom.Route route => CheckId(caller, invocation.HttpContext.Request.RouteValues[route.Name] as string),
                StoreFrom.Person person => await CheckPersonAsync(caller, invocation.HttpContext, person.Name),
                _ => CheckId(caller, from.Read(invocation)),
            };
            return refused ?? await next(invocation);
        });
        return builder.DocumentsProblem(StatusCodes.Status403Forbidden, ProblemMessages.StoreNotInKeyList);
    }

    private static ProblemHttpResult? CheckId(ApiKeyCaller caller, string? value) =>
        Ids.TryParse(value?.Trim(), out var storeId) ? Check(caller, storeId) : null;

    private static async Task<ProblemHttpResult?> CheckPersonAsync(ApiKeyCaller caller, HttpContext context, string routeValue)
    {
        if (!Ids.TryParse(context.Request.RouteValues[routeValue] as string, out var personId)) return null;
        var staff = context.RequestServices.GetRequiredService<IStaffDirectory>();
        if (await staff.FindPlaceAsync(caller.TenantId, personId, context.RequestAborted) is not { } place) return null;
        if (place.StoreId is { } storeId) return Check(caller, storeId);
        return personId == caller.GerantId ? null : Problems.Forbidden(ProblemMessages.StoreNotInKeyList);
    }
}
