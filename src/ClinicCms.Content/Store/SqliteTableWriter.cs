using System.Data.Common;
using System.Globalization;
using System.Text;

namespace ClinicCms.Content.Store;

/// <summary>
/// SQLite: keys follow the largest the table has had (its AUTOINCREMENT counter, or its largest key), which is safe
/// because the recipe's transaction holds SQLite's one write lock; rows go in through one prepared INSERT, with no
/// RETURNING to read.
/// </summary>
internal sealed class SqliteTableWriter(DbConnection connection, DbTransaction transaction, RowColumns columns)
    : TableWriter(connection, transaction, columns)
{
    /// <summary>
    /// Rows per INSERT. Multi-row INSERTs of 100 rows measured slower than one row per prepared statement (the provider
    /// binds each parameter by name, and SQLite finds a name by scanning the statement's parameters), see bench/README.md.
    /// </summary>
    private const int RowsPerStatement = 1;

    private DbCommand? _full;

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

    public override async Task WriteAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var command = count == RowsPerStatement ? _full ??= Prepare(count) : Prepare(count);
            try
            {
                var parameters = command.Parameters;
                var width = Columns.Columns.Count;
                for (var r = 0; r < count; r++)
                {
                    for (var c = 0; c < width; c++)
                    {
                        parameters[(r * width) + c].Value = Columns.Columns[c].ValueOf(rows[start + r]) ?? DBNull.Value;
                    }
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                if (command != _full)
                {
                    await command.DisposeAsync();
                }
            }
        }
    }

    private DbCommand Prepare(int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO {Columns.Table} ({Columns.ColumnList}) VALUES ");
        var command = Command("");
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Columns.Columns.Count; c++)
            {
                var column = Columns.Columns[c];
                // Named with its prefix, so the provider binds it by name without trying each prefix in turn.
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{command.Parameters.Count}");
                sql.Append(c == 0 ? name : ", " + name);
                command.Parameters.Add(column.Mapping.CreateParameter(command, name, null, column.Nullable));
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    public override ValueTask DisposeAsync() => _full?.DisposeAsync() ?? ValueTask.CompletedTask;
}
