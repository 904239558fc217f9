namespace RetailPerformer.Shared.Contracts.Keys;

/// <summary>Implemented by the Keys module: a tenant's keys as the activity pages need them.</summary>
public interface IApiKeyDirectory
{
    /// <summary>Whether the key is one of the tenant's (the activity pages answer 404 otherwise).</summary>
    Task<bool> BelongsToAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken);

    /// <summary>The names of those of <paramref name="keyIds"/> that are the tenant's.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(Guid tenantId, IReadOnlyList<Guid> keyIds, CancellationToken cancellationToken);
}
