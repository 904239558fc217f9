using Microsoft.Extensions.Configuration;

namespace RetailPerformer.Shared.Http;

/// <summary>Where users reach this API (<c>App:PublicUrl</c>): the base of emailed links and of the OpenAPI document's server.</summary>
public static class PublicUrl
{
    public const string Key = "App:PublicUrl";
    public const string Default = "http://localhost:5080";

    public static string Of(IConfiguration configuration) =>
        (string.IsNullOrWhiteSpace(configuration[Key]) ? Default : configuration[Key]!).TrimEnd('/');
}
