using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace RetailPerformer.Keys.IntegrationMe;

/// <summary>What the presented key can do. Beyond the seeds: lets an integrator check a key before anything else.</summary>
public sealed record IntegrationMeResponse(
    Guid KeyId, string Name, Guid TenantId, IReadOnlyList<string> Permissions, IReadOnlyList<Guid>? StoreIds,
    bool AllStores, DateTimeOffset? ExpiresAt);

internal static class IntegrationMeEndpoint
{
    /// <summary>
    /// The answer depends on the key alone, and the caller object lives as long as the key stays cached: it is
    /// serialized once per cached key instead of on every request (this endpoint is the one the benchmark compares
    /// with /health: `bench/run --only me,health`).
    /// </summary>
    private static readonly ConditionalWeakTable<ApiKeyCaller, byte[]> Answers = new();

    public static void MapIntegrationMe(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/me", Handle)
            .WithExample(null, ApiKeyExamples.IntegrationMe)
            .WithName(family.Name("IntegrationMe"))
            .WithSummary("What this API key can do")
            .WithDescription("Any valid key, no scope needed: the key's name, tenant, canonical permissions, reachable stores (null = all) and expiry.")
            .Produces<IntegrationMeResponse>(StatusCodes.Status200OK, "application/json");

    private static Utf8JsonAnswer Handle(ApiKeyCaller caller, IOptions<JsonOptions> json) =>
        new(Answers.GetValue(caller, c => JsonSerializer.SerializeToUtf8Bytes(Describe(c), json.Value.SerializerOptions)));

    private static IntegrationMeResponse Describe(ApiKeyCaller caller) =>
        new(caller.KeyId, caller.KeyName, caller.TenantId, caller.Scopes.Order(StringComparer.Ordinal).ToList(),
            caller.AllowedStoreIds?.Order().ToList(), !caller.IsRestricted, caller.ExpiresAt);
}
