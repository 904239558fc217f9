using System.Diagnostics;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// Records every request of the integration API once it is answered — the key gate's refusals included, since it sits
/// outside the gate: time, tenant and key (when the key resolved), method, route template and the ids in the path,
/// status, duration, the problem's detail, client address, user agent, request id. Adding the record is all it does
/// on the request's path.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { } endpoint || endpoint.Metadata.GetMetadata<ApiKeyRequirement>() is null)
            return next(context);
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow().UtcDateTime;
        Task answered;
        try
        {
            answered = next(context);
        }
        catch
        {
            Record(context, endpoint, at, started);
            throw;
        }
        // Most answers are complete when next returns (a cached key, a small body): recorded at once, no state machine.
        if (!answered.IsCompleted) return RecordWhenAnsweredAsync(answered, context, endpoint, at, started);
        Record(context, endpoint, at, started);
        return answered;
    }

    private async Task RecordWhenAnsweredAsync(Task answered, HttpContext context, RouteEndpoint endpoint, DateTime at, long started)
    {
        try
        {
            await answered;
        }
        finally
        {
            Record(context, endpoint, at, started);
        }
    }

    private void Record(HttpContext context, RouteEndpoint endpoint, DateTime at, long started)
    {
        var caller = context.Features.Get<ApiKeyCaller>();
        // The console's own calls (no key) are the person's actions, not an integration's.
        if (caller is not null && caller.KeyId == Guid.Empty) return;
        log.Add(new RequestRecord(
            caller?.TenantId, at, caller?.KeyId, context.Request.Method, endpoint.RoutePattern.RawText ?? context.Request.Path.Value ?? "",
            PathIds(context.Request.RouteValues),
            context.Response.StatusCode, (float)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            context.Response.StatusCode >= 400 ? context.Features.Get<ProblemDetail>()?.Detail : null,
            ClientAddresses.Of(context), Truncated(context.Request.Headers.UserAgent.ToString(), 300), LoggedRequestId.Of(context)));
    }

    /// <summary>The ids in the path, comma-separated; most integration routes have none (nothing allocated then).</summary>
    private static string PathIds(RouteValueDictionary values)
    {
        if (values.Count == 0) return "";
        string? ids = null;
        foreach (var (_, value) in values)
            if (value is string text && Guid.TryParse(text, out var id)) ids = ids is null ? id.ToString() : $"{ids},{id}";
        return ids ?? "";
    }

    private static string? Truncated(string value, int length) => value.Length == 0 ? null : value.Length <= length ? value : value[..length];
}
