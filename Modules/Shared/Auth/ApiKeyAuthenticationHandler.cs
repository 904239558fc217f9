using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RetailPerformer.Shared.Contracts;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// The authentication step of the integration API, registered as the ASP.NET Core scheme <c>ApiKey</c>.
/// Reads <c>X-API-Key</c> (primary) or <c>Authorization: Bearer</c> (alias, always an API key on these
/// routes), resolves the caller through the Keys module and stores it as a request feature for the slices.
/// </summary>
/// <remarks>
/// It implements <see cref="IAuthenticationHandler"/> directly rather than deriving from
/// <c>AuthenticationHandler&lt;TOptions&gt;</c>: the framework builds a handler per request, and the base
/// class's constructor asks the logger factory for a logger under its global lock and looks up named options
/// every time. Under load that lock was the largest contention of an authenticated request
/// (`bench/run --only me --trace me`). This handler is built from singletons only and is not disposable,
/// so the request's service scope does not have to track it either.
/// </remarks>
public sealed class ApiKeyAuthenticationHandler(IApiKeyAuthenticator authenticator, ILogger<ApiKeyAuthenticationHandler> logger)
    : IAuthenticationHandler
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";
    public const string KeyIdClaim = "rp:key_id";
    public const string ScopeClaim = "scope";

    private HttpContext _context = null!;
    private Task<AuthenticateResult>? _result;

    /// <summary>Why authentication failed, for the challenge: missing, invalid, expired or revoked.</summary>
    private string _failure = "missing";

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    /// <summary>Several policies of one request may ask; the key is resolved once.</summary>
    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= AuthenticateOnceAsync();

    private async Task<AuthenticateResult> AuthenticateOnceAsync()
    {
        var presented = ReadPresentedKey(_context.Request);
        if (presented is null) return AuthenticateResult.NoResult();

        var result = await authenticator.AuthenticateAsync(presented, _context.RequestAborted);
        if (result.Status != ApiKeyStatus.Valid || result.Caller is null)
        {
            _failure = result.Status.ToString().ToLowerInvariant();
            logger.LogDebug("API key refused: {Reason}", _failure);
            return AuthenticateResult.Fail($"API key {_failure}");
        }

        _context.Features.Set(result.Caller);
        return AuthenticateResult.Success(new AuthenticationTicket(result.Caller.Principal, SchemeName));
    }

    /// <summary>The key as presented, or null when the request carries none.</summary>
    public static string? ReadPresentedKey(HttpRequest request)
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

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        _context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        return Problems.WriteAsync(_context, StatusCodes.Status401Unauthorized, $"API key {_failure}");
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
