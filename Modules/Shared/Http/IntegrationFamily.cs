using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// The two route families of the integration API (contract §1). The same handlers serve both;
/// only the status of a creation differs: 201 + Location under v1, 200 under the v1.0 notice's
/// unversioned prefix, whose client scripts test <c>== 200</c>.
/// </summary>
public sealed record IntegrationFamily(string Prefix, bool CreatedReturns201, string OperationSuffix, string TagSuffix)
{
    public static readonly IntegrationFamily V1 = new("/api/v1/integrations", true, "", "");
    public static readonly IntegrationFamily Unversioned = new("/api/integrations", false, "Unversioned", " (v1.0 notice)");
    public static readonly IReadOnlyList<IntegrationFamily> All = [V1, Unversioned];

    /// <summary>A unique OpenAPI operation id for the endpoint in this family.</summary>
    public string Name(string operation) => operation + OperationSuffix;

    /// <summary>The reference page's tag of <paramref name="tag"/> in this family: v1's plain, the notice's marked.</summary>
    public string Tag(string tag) => tag + TagSuffix;

    public static IntegrationFamily Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IntegrationFamily>() ?? V1;
}
