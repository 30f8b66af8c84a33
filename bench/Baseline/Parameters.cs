using Npgsql;
using NpgsqlTypes;

namespace Paydesk.Bench.Baseline;

/// <summary>Typed parameters without boxing, as the floor's statements bind them.</summary>
internal static class Parameters
{
    public static NpgsqlParameterCollection With<T>(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, T value)
    {
        parameters.Add(new NpgsqlParameter<T>(name, type) { TypedValue = value });
        return parameters;
    }

    public static NpgsqlParameterCollection WithNullable(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, string? value)
    {
        parameters.Add(new NpgsqlParameter(name, type) { Value = (object?)value ?? DBNull.Value });
        return parameters;
    }

    public static NpgsqlBatchCommand Command(this NpgsqlBatch batch, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(command);
        return command;
    }
}
