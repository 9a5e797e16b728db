using System.Data.Common;
using System.Text;

namespace ClinicCms.Content.Search;

/// <summary>Builds a command with numbered parameters, the same way on both providers.</summary>
internal sealed class SqlCommands(DbCommand command)
{
    public const int Batch = 200;

    public StringBuilder Sql { get; } = new();

    public DbCommand Command => command;

    public static SqlCommands On(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return new SqlCommands(command);
    }

    /// <summary>Adds a parameter and returns its name, for the SQL text.</summary>
    public string Add(object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"@s{command.Parameters.Count}";
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }

    /// <summary>"(@s0, @s1, ...)" for an IN list.</summary>
    public string List(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(v => Add(v))) + ")";

    public DbCommand Done()
    {
        command.CommandText = Sql.ToString();
        return command;
    }

    public static IEnumerable<List<T>> Chunks<T>(IEnumerable<T> values, int size = 500) => values.Chunk(size).Select(c => c.ToList());
}
