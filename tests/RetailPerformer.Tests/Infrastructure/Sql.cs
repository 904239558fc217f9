using Npgsql;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>Direct reads of the database, for asserting what a call wrote (or did not write).</summary>
public static class Sql
{
    public static async Task<T?> Scalar<T>(this ApiFactory api, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.AddWithValue(p);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public static async Task Execute(this ApiFactory api, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.AddWithValue(p);
        await command.ExecuteNonQueryAsync();
    }
}
