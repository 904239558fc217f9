using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RetailPerformer.Shared.Http;
using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// The authentication step of the integration API (architecture: "before any slice runs"). For a route carrying
/// <see cref="ApiKeyRequirement"/>, in this order: the key is read from <c>X-API-Key</c> (or <c>Authorization: Bearer</c>,
/// always an API key on these routes) and resolved by the Keys module → 401 <c>API key missing|invalid|expired|revoked</c>;
/// the route's scope → 403 naming it; the key's rate budget (<see cref="ApiKeyRateLimiter"/>) → 429 + <c>Retry-After</c>.
/// Then the caller is a request feature (slices bind <see cref="ApiKeyCaller"/>) and <c>HttpContext.User</c>. A refused
/// request never reaches the slice, and a request refused for its key or scope does not spend the key's budget.
/// </summary>
/// <remarks>
/// One middleware rather than an authentication scheme, an authorization policy per scope and the rate-limiting
/// middleware: through those, the framework's own work on an authorised request (resolving the scoped authentication
/// service and a handler, merging principals, building an authorization context, a global lock in
/// <c>AuthorizationMiddleware</c>, combined rate-limit leases) cost more CPU than the rest of <c>/api/v1/integrations/me</c>
/// together (`bench/run --only me --trace me`; figures in bench/README.md). The app API (people signed in with a bearer
/// token) keeps the framework's authentication and role policies. Every integration route gets the requirement from its
/// group (<see cref="IntegrationRoutes.MapIntegrationEndpoints"/>); a test fails if one does not.
/// </remarks>
public sealed class ApiKeyGate(
    RequestDelegate next, IApiKeyAuthenticator authenticator, ApiKeyRateLimiter rateLimiter, RetailPerformer.Shared.Operations.ProductMeter meter,
    ILogger<ApiKeyGate> logger)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";
    public const string KeyIdClaim = "rp:key_id";
    public const string ScopeClaim = "scope";
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequirement>() is not { } requirement) return next(context);

        if (ConsoleHop.IsFromConsole(context)) return AdmitConsolePersonAsync(context, requirement);
        if (ReadPresentedKey(context.Request) is not { } presented) return RefuseKeyAsync(context, "missing");

        // A cached key answers synchronously: no state machine on the common path.
        var authentication = authenticator.AuthenticateAsync(presented, OneAtATimeItems(context), context.RequestAborted);
        return authentication.IsCompletedSuccessfully
            ? Admit(context, requirement, authentication.Result)
            : AdmitAsync(context, requirement, authentication);
    }

    private async Task AdmitAsync(HttpContext context, ApiKeyRequirement requirement, ValueTask<ApiKeyAuthentication> authentication) =>
        await Admit(context, requirement, await authentication);

    private Task Admit(HttpContext context, ApiKeyRequirement requirement, ApiKeyAuthentication authentication)
    {
        if (authentication is not { Status: ApiKeyStatus.Valid, Caller: { } caller })
        {
            // A revoked or expired key is still somebody's: the request log records whose (no slice runs).
            if (authentication.Caller is { } former) context.Features.Set(former);
            return RefuseKeyAsync(context, Reason(authentication.Status));
        }

        context.Features.Set(caller);
        context.User = caller.Principal;

        if (!requirement.IsMetBy(caller))
            return Problems.WriteAsync(context, StatusCodes.Status403Forbidden, requirement.FailureMessage);

        // The key's budget: synchronous while this host's slice of it lasts (RateLeases).
        var budget = rateLimiter.TakeAsync(caller);
        return budget.IsCompletedSuccessfully ? Spend(context, budget.Result) : SpendAsync(context, budget);
    }

    private async Task SpendAsync(HttpContext context, ValueTask<RateDecision> budget) => await Spend(context, await budget);

    private Task Spend(HttpContext context, RateDecision budget)
    {
        // Told on every answer the key gets from here on (IETF RateLimit header fields): its size, what is left, and the
        // seconds until it is whole again.
        var headers = context.Response.Headers;
        headers[LimitHeader] = Number(budget.Limit);
        headers[RemainingHeader] = Number(budget.Remaining);
        headers[ResetHeader] = Number((int)Math.Ceiling(budget.Reset.TotalSeconds));
        if (!budget.Granted)
        {
            Problems.SetRetryAfter(context.Response, budget.RetryAfter);
            meter.RefusedForRate();
            return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, ProblemMessages.RateLimited);
        }

        return next(context);
    }

    /// <summary>
    /// The web console acting for a signed-in person (<see cref="ConsoleHop"/>: this process, over loopback, with the
    /// person's bearer token): a gérant as a key with every permission on every store of their chain, a manager as a
    /// key reading their own store; anyone else has no integration access. So the console's stores, people and
    /// statistics pages run the integration slices themselves — their validation, store restriction and messages —
    /// rather than a copy of them. No key, so no key budget: the sign-in behind the token is throttled instead.
    /// </summary>
    private async Task AdmitConsolePersonAsync(HttpContext context, ApiKeyRequirement requirement)
    {
        if ((await context.AuthenticateAsync(UserAuthenticationHandler.SchemeName)).Principal is not { } principal
            || AppUser.FromPrincipal(principal) is not { } person)
        {
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, UserAuthenticationHandler.TokenRequired);
            return;
        }
        ApiKeyCaller? caller = person switch
        {
            { Role: Roles.Gerant } => new(Guid.Empty, "console", person.TenantId, person.UserId, Scopes.All.ToHashSet(), null, null),
            { Role: Roles.Manager, StoreId: { } store } => new(Guid.Empty, "console", person.TenantId, Guid.Empty,
                new HashSet<string> { Scopes.StatsRead, Scopes.StoresRead }, new HashSet<Guid> { store }, null),
            _ => null,
        };
        if (caller is null || !requirement.IsMetBy(caller))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, requirement.FailureMessage);
            return;
        }
        context.Features.Set(caller);
        context.User = caller.Principal;
        await next(context);
    }

    // The budget headers' values are small numbers: formatted once, not on every request (`bench/run --only me,health`).
    private static readonly string[] SmallNumbers = Enumerable.Range(0, 4096).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string Number(int value) =>
        (uint)value < (uint)SmallNumbers.Length ? SmallNumbers[value] : value.ToString(CultureInfo.InvariantCulture);

    private static string Reason(ApiKeyStatus status) => status switch
    {
        ApiKeyStatus.Expired => "expired",
        ApiKeyStatus.Revoked => "revoked",
        _ => "invalid",
    };

    private Task RefuseKeyAsync(HttpContext context, string reason)
    {
        logger.LogDebug("API key refused: {Reason}", reason);
        context.Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, $"API key {reason}");
    }

    /// <summary>The connection's items when it carries one request at a time (HTTP/1.x), else null.</summary>
    private static IDictionary<object, object?>? OneAtATimeItems(HttpContext context) =>
        HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)
            ? context.Features.Get<IConnectionItemsFeature>()?.Items
            : null;

    /// <summary>The key as presented, or null when the request carries none.</summary>
    private static string? ReadPresentedKey(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString().Trim();
        if (header.Length > 0) return header;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var value = authorization["Bearer ".Length..].Trim();
            if (value.Length > 0) return value;
        }
        return null;
    }
}
