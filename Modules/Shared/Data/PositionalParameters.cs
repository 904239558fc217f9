using Npgsql;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// Values for a statement's positional parameters (<c>$1</c>, <c>$2</c>…), in order, null as SQL NULL: for the
/// statements read with typed getters (arrays, bytea) or shared with pgbench, where Dapper's named parameters do not fit.
/// </summary>
public static class PositionalParameters
{
    public static NpgsqlCommand WithValues(this NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlBatchCommand WithValues(this NpgsqlBatchCommand command, params object?[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
