namespace RetailPerformer.Kpi.Data;

/// <summary>Who sent a KPI batch: an integration's key, or a person of the web app (or of the console).</summary>
internal sealed record SyncSender(Guid TenantId, Guid? KeyId, Guid? PersonId, Guid? PersonStoreId, string RequestId)
{
    /// <summary>The request's sender, as the key gate or the sign-in resolved it; null when neither did.</summary>
    public static SyncSender? Of(HttpContext context)
    {
        if (context.Features.Get<ApiKeyCaller>() is { } caller)
            // The console's hop has no key: it is the gérant's own action.
            return caller.KeyId == Guid.Empty
                ? new SyncSender(caller.TenantId, null, caller.GerantId, null, RequestIds.Of(context))
                : new SyncSender(caller.TenantId, caller.KeyId, null, null, RequestIds.Of(context));
        return AppUser.FromPrincipal(context.User) is { } person
            ? new SyncSender(person.TenantId, null, person.UserId, person.StoreId, RequestIds.Of(context))
            : null;
    }
}
