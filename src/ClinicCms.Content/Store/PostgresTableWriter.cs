using System.Data.Common;
using Npgsql;

namespace ClinicCms.Content.Store;

/// <summary>
/// PostgreSQL: keys come from the key column's own sequence, in one query per batch; rows go in with one binary COPY
/// per batch, which the server takes without parsing or planning a statement per row.
/// </summary>
internal sealed class PostgresTableWriter(DbConnection connection, DbTransaction transaction, RowColumns columns)
    : TableWriter(connection, transaction, columns)
{
    // A column's type as COPY names it: the store type without its length ("character varying(255)" is "character varying").
    private readonly string[] _types = [.. columns.Columns.Select(c => c.Mapping.StoreType.Split('(')[0].Trim())];

    public override async Task<long[]> ReserveKeysAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT nextval(pg_get_serial_sequence(@table, @key)) FROM generate_series(1, @count)");
        command.Parameters.Add(new NpgsqlParameter("table", Columns.Table));
        command.Parameters.Add(new NpgsqlParameter("key", Columns.KeyName));
        command.Parameters.Add(new NpgsqlParameter("count", count));
        var keys = new long[count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < count && await reader.ReadAsync(cancellationToken); i++)
        {
            keys[i] = reader.GetInt64(0);
        }
        return keys;
    }

    public override async Task WriteAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var npgsql = (NpgsqlConnection)Connection;
        await using var copy = await npgsql.BeginBinaryImportAsync($"COPY {Columns.Table} ({Columns.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            for (var c = 0; c < _types.Length; c++)
            {
                await WriteAsync(copy, Columns.Columns[c].ValueOf(row), _types[c], cancellationToken);
            }
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, string type, CancellationToken cancellationToken) => value switch
    {
        null => copy.WriteNullAsync(cancellationToken),
        string s => copy.WriteAsync(s, type, cancellationToken),
        long l => copy.WriteAsync(l, type, cancellationToken),
        int i => copy.WriteAsync(i, type, cancellationToken),
        bool b => copy.WriteAsync(b, type, cancellationToken),
        double d => copy.WriteAsync(d, type, cancellationToken),
        DateTime t => copy.WriteAsync(t, type, cancellationToken),
        _ => copy.WriteAsync(value, type, cancellationToken),
    };

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
