using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
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
    private static readonly ConditionalWeakTable<ApiKeyCaller, Utf8JsonAnswer> Answers = new();

    public static void MapIntegrationMe(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/me", Handle)
            .WithExample(null, ApiKeyExamples.IntegrationMe)
            .WithName(family.Name("IntegrationMe"))
            .WithSummary("What this API key can do")
            .WithDescription("Any valid key, no scope needed: the key's name, tenant, canonical permissions, reachable stores (null = all) and expiry.")
            .Produces<IntegrationMeResponse>(StatusCodes.Status200OK, "application/json");

    private static Utf8JsonAnswer Handle(ApiKeyCaller caller, HttpContext context) =>
        Answers.TryGetValue(caller, out var answer) ? answer : NewAnswer(caller, context);

    /// <remarks>
    /// Apart from <see cref="Handle"/>: the serializer's options are resolved when an answer is made, not on every request,
    /// and the lambda's closure is allocated here only.
    /// </remarks>
    private static Utf8JsonAnswer NewAnswer(ApiKeyCaller caller, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Answers.GetValue(caller, c => new Utf8JsonAnswer(JsonSerializer.SerializeToUtf8Bytes(Describe(c), options)));
    }

    private static IntegrationMeResponse Describe(ApiKeyCaller caller) =>
        new(caller.KeyId, caller.KeyName, caller.TenantId, caller.Scopes.Order(StringComparer.Ordinal).ToList(),
            caller.AllowedStoreIds?.Order().ToList(), !caller.IsRestricted, caller.ExpiresAt);
}
