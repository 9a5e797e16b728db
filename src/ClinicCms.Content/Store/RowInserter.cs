using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClinicCms.Content.Store;

/// <summary>
/// Inserts new version rows and their field index rows for imports, in the context's connection and transaction:
/// rows are queued, then written together by <see cref="FlushAsync"/>, one INSERT ... RETURNING per row. Where the
/// provider sends several commands in one round trip (PostgreSQL), a flush sends each table's rows as one batch;
/// otherwise (SQLite, in process) one prepared command is reused for every row. Change tracking cost more than the
/// SQL itself at 10,000 items. Columns, converters and parameter types come from the EF model, so a row is stored
/// exactly as SaveChanges would store it; inserted rows are then attached as unchanged, for later writes to see.
/// </summary>
internal sealed class RowInserter(ClinicCmsDbContext db) : IAsyncDisposable
{
    private readonly List<ContentItemVersionRow> _queued = [];
    private TableInsert? _versions;
    private TableInsert? _fields;

    /// <summary>Queues <paramref name="record"/> and its field rows for the next <see cref="FlushAsync"/>.</summary>
    public void Add(ContentItemVersionRow record) => _queued.Add(record);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_queued.Count == 0)
        {
            return;
        }
        if (_versions is null || _fields is null)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            _versions = TableInsert.Create(db, typeof(ContentItemVersionRow));
            _fields = TableInsert.Create(db, typeof(ContentFieldIndexRow));
        }
        var ids = await _versions.ExecuteAsync(_queued, cancellationToken);
        var fields = new List<ContentFieldIndexRow>();
        for (var i = 0; i < _queued.Count; i++)
        {
            _queued[i].Id = ids[i];
            foreach (var field in _queued[i].Fields)
            {
                field.VersionRowId = ids[i];
                fields.Add(field);
            }
        }
        var fieldIds = await _fields.ExecuteAsync(fields, cancellationToken);
        for (var i = 0; i < fields.Count; i++)
        {
            fields[i].Id = fieldIds[i];
        }
        foreach (var record in _queued)
        {
            db.ContentItems.Attach(record); // keys are set, so the row and its fields are tracked as unchanged
        }
        _queued.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_versions is null || _fields is null)
        {
            return;
        }
        await _versions.DisposeAsync();
        await _fields.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }

    private sealed class TableInsert(DbConnection connection, DbTransaction transaction, string sql,
        List<(IClrPropertyGetter Getter, ValueConverter? Converter, RelationalTypeMapping Mapping, bool Nullable)> columns) : IAsyncDisposable
    {
        /// <summary>Rows per batch: bounds what one round trip holds in memory on both ends.</summary>
        private const int BatchRows = 500;

        private DbCommand? _prepared;

        public static TableInsert Create(ClinicCmsDbContext db, Type clrType)
        {
            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entity.FindPrimaryKey()!.Properties.Single();
            // Rows written outside a transaction would outlive a failed import.
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction; begin one first.");
            var columns = new List<(IClrPropertyGetter, ValueConverter?, RelationalTypeMapping, bool)>();
            var names = new List<string>();
            var values = new List<string>();
            foreach (var property in entity.GetProperties().Where(p => p != key))
            {
                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                columns.Add((property.GetGetter(), mapping.Converter, mapping, property.IsNullable));
                names.Add(sql.DelimitIdentifier(property.GetColumnName(table)!));
                // Named with its prefix, so the provider binds it by name without trying each prefix in turn.
                values.Add($"@p{values.Count}");
            }
            var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)}) RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
            return new TableInsert(db.Database.GetDbConnection(), transaction, insert, columns);
        }

        /// <summary>Inserts <paramref name="rows"/> in order and returns their new keys in the same order.</summary>
        public async Task<long[]> ExecuteAsync<T>(List<T> rows, CancellationToken cancellationToken) where T : class
        {
            var ids = new long[rows.Count];
            if (connection.CanCreateBatch)
            {
                for (var start = 0; start < rows.Count; start += BatchRows)
                {
                    await ExecuteBatchAsync(rows, start, Math.Min(BatchRows, rows.Count - start), ids, cancellationToken);
                }
                return ids;
            }
            _prepared ??= Prepare();
            for (var i = 0; i < rows.Count; i++)
            {
                Bind(_prepared.Parameters, rows[i], factory: null);
                ids[i] = Convert.ToInt64(await _prepared.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            return ids;
        }

        private async Task ExecuteBatchAsync<T>(List<T> rows, int start, int count, long[] ids, CancellationToken cancellationToken) where T : class
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            await using var factory = connection.CreateCommand(); // makes the parameters as the mappings configure them
            for (var i = start; i < start + count; i++)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                Bind(command.Parameters, rows[i], factory);
                batch.BatchCommands.Add(command);
            }
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = start; i < start + count; i++)
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException("An INSERT ... RETURNING gave no key.");
                }
                ids[i] = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken);
            }
        }

        private DbCommand Prepare()
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (_, _, mapping, nullable) in columns)
            {
                command.Parameters.Add(mapping.CreateParameter(command, $"@p{command.Parameters.Count}", null, nullable));
            }
            command.Prepare();
            return command;
        }

        /// <summary>Sets the prepared command's parameters, or adds new ones made by <paramref name="factory"/>.</summary>
        private void Bind(DbParameterCollection parameters, object row, DbCommand? factory)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var (getter, converter, mapping, nullable) = columns[i];
                var value = getter.GetClrValueUsingContainingEntity(row);
                if (factory is null)
                {
                    parameters[i].Value = (converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
                }
                else
                {
                    parameters.Add(mapping.CreateParameter(factory, $"@p{i}", value, nullable)); // converts the value itself
                }
            }
        }

        public ValueTask DisposeAsync() => _prepared?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
