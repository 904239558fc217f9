using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailPerformer.Shared.Contracts;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// The authentication step of the integration API. Reads <c>X-API-Key</c> (primary) or
/// <c>Authorization: Bearer</c> (alias, always an API key on these routes), resolves the caller
/// through the Keys module and stores it as a request feature for the slices.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";
    public const string KeyIdClaim = "rp:key_id";
    public const string ScopeClaim = "scope";
    private const string FailureItem = "rp:api_key_failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadPresentedKey(Request);
        if (presented is null)
        {
            Context.Items[FailureItem] = "missing";
            return AuthenticateResult.NoResult();
        }

        var result = await authenticator.AuthenticateAsync(presented, Context.RequestAborted);
        if (result.Status != ApiKeyStatus.Valid || result.Caller is null)
        {
            var reason = result.Status.ToString().ToLowerInvariant();
            Context.Items[FailureItem] = reason;
            return AuthenticateResult.Fail($"API key {reason}");
        }

        Context.Features.Set(result.Caller);
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

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureItem] as string ?? "missing";
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, $"API key {reason}");
    }
}
