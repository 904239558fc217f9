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

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(Guid tenantId, IReadOnlyList<Guid> keyIds, CancellationToken cancellationToken)
    {
        if (keyIds.Count == 0) return new Dictionary<Guid, string>();
        await using var command = dataSource.CreateCommand("SELECT id, name FROM keys.api_keys WHERE tenant_id = $1 AND id = ANY ($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = keyIds.ToArray() });
        var names = new Dictionary<Guid, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) names[reader.GetGuid(0)] = reader.GetString(1);
        return names;
    }
}
