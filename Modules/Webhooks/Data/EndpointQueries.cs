namespace RetailPerformer.Webhooks.Data;

/// <summary>The endpoint reads and writes the slices share.</summary>
internal static class EndpointQueries
{
    public const string NotFound = "Webhook endpoint not found";

    public static Task<EndpointRow?> FindAsync(NpgsqlConnection connection, Guid tenantId, Guid id, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<EndpointRow>(
            $"SELECT {EndpointRow.Columns} FROM webhooks.endpoints WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id }, transaction);
}
