using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// Stripe's idempotency keys. A POST carrying <c>Idempotency-Key</c> on a route that honours it runs once per caller
/// (API key, or the person signed in) and key: within 24 hours the same key with the same request (method, path, query,
/// body) replays the first answer — status, <c>Location</c> and body — marked <c>Idempotent-Replayed: true</c>; with another
/// request it is 422; while the first still runs, 409. An answer of ours that failed (5xx) or a 429 is not kept: the retry
/// runs. Every POST of the integration API honours it (<see cref="IntegrationRoutes"/>), and API key creation.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaximumLength = 255;
    public const string Malformed = "Idempotency-Key must be 1 to 255 printable ASCII characters";
    public const string Mismatch = "This Idempotency-Key was already used with another request";
    public const string InProgress = "A request with this Idempotency-Key is still running; retry when it has finished";

    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentMetadata.Instance);

    /// <summary>After authentication and the API key gate (the caller scopes the keys).</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentMetadata>() is null
            || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > MaximumLength || key.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, Malformed);
            return;
        }
        if (Scope(context) is not var (tenantId, scopeId))
        {
            await next(context);
            return;
        }

        var records = context.RequestServices.GetRequiredService<IIdempotencyRecords>();
        var outcome = await records.ClaimAsync(tenantId, scopeId, key, await HashAsync(context.Request), context.RequestAborted);
        switch (outcome.Claim)
        {
            case IdempotencyClaim.Mismatch:
                await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, Mismatch);
                return;
            case IdempotencyClaim.InProgress:
                await Problems.WriteAsync(context, StatusCodes.Status409Conflict, InProgress);
                return;
            case IdempotencyClaim.Replay:
                await ReplayAsync(context, outcome.Answer!);
                return;
        }

        // Claimed: run the request with its answer captured, keep the answer, then send it.
        var body = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = body;
            await records.ReleaseAsync(tenantId, scopeId, key);
            throw;
        }
        context.Response.Body = body;
        var status = context.Response.StatusCode;
        if (status >= 500 || status == StatusCodes.Status429TooManyRequests)
            await records.ReleaseAsync(tenantId, scopeId, key);
        else
            await records.CompleteAsync(tenantId, scopeId, key,
                new IdempotentAnswer(status, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, captured.ToArray()));
        captured.Position = 0;
        await captured.CopyToAsync(body, context.RequestAborted);
    });

    /// <summary>The API key, or the person signed in (key creation): each has its own keys.</summary>
    private static (Guid TenantId, Guid ScopeId)? Scope(HttpContext context) =>
        context.Features.Get<ApiKeyCaller>() is { } caller ? (caller.TenantId, caller.KeyId)
        : AppUser.FromPrincipal(context.User) is { } user ? (user.TenantId, user.UserId)
        : null;

    private static async Task<byte[]> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return sha.GetHashAndReset();
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentAnswer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.Headers[ReplayedHeaderName] = "true";
        // A replay may carry a secret (a key's creation): no cache keeps it.
        response.Headers.CacheControl = "no-store";
        if (answer.ContentType is not null) response.ContentType = answer.ContentType;
        if (answer.Location is not null) response.Headers.Location = answer.Location;
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
