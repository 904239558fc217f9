using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Kpi.Data;

/// <summary>
/// Records a KPI batch the slice refused — its validation, its store restriction, its own checks — in the sync history,
/// with the answer's status and detail. The first filter of the route, so that it sees every other one's refusal. A
/// body that is not JSON at all never reaches it (the request log has that one).
/// </summary>
internal static class SyncHistoryFilter
{
    public static RouteHandlerBuilder RecordsRefusedBatches<TRequest>(this RouteHandlerBuilder builder, Func<TRequest, BatchNamed> named)
        where TRequest : class
    {
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var result = await next(invocation);
            if (Refusal(result) is not { } refusal || SyncSender.Of(invocation.HttpContext) is not { } sender) return result;
            var request = invocation.Arguments.OfType<TRequest>().FirstOrDefault();
            var batch = request is null ? new BatchNamed(null, null, null, 0) : named(request);
            var storeId = invocation.HttpContext.Items[SyncHistory.ResolvedStoreItem] as Guid?
                ?? (Guid.TryParse(batch.Store, out var id) ? id : sender.PersonStoreId);
            try
            {
                await invocation.HttpContext.RequestServices.GetRequiredService<SyncHistory>()
                    .RefusedAsync(sender, storeId, batch, refusal.Status, refusal.Detail);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The caller's answer is the refusal, whether or not its history could be written.
                invocation.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SyncHistoryFilter))
                    .LogWarning("A refused KPI batch was not recorded in the sync history: {Reason}", ex.Message);
            }
            return result;
        });
        return builder;
    }

    private static (int Status, string? Detail)? Refusal(object? result) => result switch
    {
        INestedHttpResult nested => Refusal(nested.Result),
        IStatusCodeHttpResult { StatusCode: >= 400 and var status } refused => ((int Status, string? Detail)?)(status, (refused as IValueHttpResult)?.Value is ProblemDetails p ? p.Detail : null),
        _ => null,
    };
}
