using RetailPerformer.Shared.Contracts.Keys;

namespace RetailPerformer.Keys.Provides;

internal sealed class ApiKeyDirectory(NpgsqlDataSource dataSource) : IApiKeyDirectory
{
    public async Task<bool> BelongsToAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM keys.api_keys WHERE tenant_id = $1 AND id = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = keyId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
