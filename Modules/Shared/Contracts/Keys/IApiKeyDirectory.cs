namespace RetailPerformer.Shared.Contracts.Keys;

/// <summary>Implemented by the Keys module: whether a key is one of a tenant's (the activity pages answer 404 otherwise).</summary>
public interface IApiKeyDirectory
{
    Task<bool> BelongsToAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken);
}
