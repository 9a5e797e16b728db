using System.Data.Common;
using System.Globalization;

namespace ClinicCms.Content.Store;

/// <summary>
/// SQLite: keys follow the largest the table has had (its AUTOINCREMENT counter, or its largest key), which is safe
/// because the recipe's transaction holds SQLite's one write lock; rows go in through one prepared INSERT, with no
/// RETURNING to read.
/// </summary>
internal sealed class SqliteTableWriter(DbConnection connection, DbTransaction transaction, RowColumns columns)
    : TableWriter(connection, transaction, columns)
{
    private DbCommand? _insert;

    public override async Task<long[]> ReserveKeysAsync(int count, CancellationToken cancellationToken)
    {
        // Read again for every batch: rows written meanwhile through EF Core (updates that re-index) take keys too.
        var name = Columns.TableName.Replace("'", "''", StringComparison.Ordinal);
        await using var command = Command(
            $"SELECT max(coalesce((SELECT max({Columns.Key}) FROM {Columns.Table}), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{name}'), 0))");
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var keys = new long[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = last + 1 + i;
        }
        return keys;
    }

    /// <remarks>
    /// One row per statement: multi-row INSERTs measured slower (the provider binds each parameter by name, and SQLite
    /// finds a name by scanning the statement's parameters), see bench/README.md.
    /// </remarks>
    public override async Task WriteAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var command = _insert ??= Prepare();
        var parameters = command.Parameters;
        var columns = Columns.Columns;
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                parameters[c].Value = columns[c].ValueOf(row) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private DbCommand Prepare()
    {
        var command = Command("");
        var names = new List<string>(Columns.Columns.Count);
        foreach (var column in Columns.Columns)
        {
            // Named with its prefix, so the provider binds it by name without trying each prefix in turn.
            var name = string.Create(CultureInfo.InvariantCulture, $"@p{names.Count}");
            names.Add(name);
            command.Parameters.Add(column.Mapping.CreateParameter(command, name, null, column.Nullable));
        }
        command.CommandText = $"INSERT INTO {Columns.Table} ({Columns.ColumnList}) VALUES ({string.Join(", ", names)})";
        command.Prepare();
        return command;
    }

    public override ValueTask DisposeAsync() => _insert?.DisposeAsync() ?? ValueTask.CompletedTask;
}
