namespace RetailPerformer.Keys.IntegrationMe;

/// <summary>What the presented key can do. Beyond the seeds: lets an integrator check a key before anything else.</summary>
public sealed record IntegrationMeResponse(
    Guid KeyId, string Name, Guid TenantId, IReadOnlyList<string> Permissions, IReadOnlyList<Guid>? StoreIds,
    bool AllStores, DateTimeOffset? ExpiresAt);

internal static class IntegrationMeEndpoint
{
    public static void MapIntegrationMe(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapGet("/me", Handle)
            .WithName(family.Name("IntegrationMe"))
            .WithSummary("What this API key can do")
            .WithDescription("Any valid key, no scope needed: the key's name, tenant, canonical permissions, reachable stores (null = all) and expiry.");

    private static Ok<IntegrationMeResponse> Handle(ApiKeyCaller caller) =>
        TypedResults.Ok(new IntegrationMeResponse(caller.KeyId, caller.KeyName, caller.TenantId,
            caller.Scopes.Order(StringComparer.Ordinal).ToList(), caller.AllowedStoreIds?.Order().ToList(), !caller.IsRestricted, caller.ExpiresAt));
}
