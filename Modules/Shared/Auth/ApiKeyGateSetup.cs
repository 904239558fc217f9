using Microsoft.AspNetCore.Builder;

namespace RetailPerformer.Shared.Auth;

public static class ApiKeyGateSetup
{
    /// <summary>Integration routes: the API key, the scope and the key's rate budget, before the slice (see <see cref="ApiKeyGate"/>).</summary>
    public static IApplicationBuilder UseApiKeyGate(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyGate>();

    /// <summary>The route needs an API key carrying one of <paramref name="scopes"/> (none: any valid key).</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(scopes.Length == 0 ? ApiKeyRequirement.AnyKey : new ApiKeyRequirement(scopes));
}
