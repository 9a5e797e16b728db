using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClinicCms.Content.Store;

/// <summary>
/// Inserts new version rows and their field index rows for imports, one prepared INSERT ... RETURNING per table
/// reused for every row, in the context's connection and transaction. Change tracking cost more than the SQL
/// itself at 10,000 items. Columns, converters and parameter types come from the EF model, so a row is stored
/// exactly as SaveChanges would store it; inserted rows are then attached as unchanged, for later writes to see.
/// </summary>
internal sealed class RowInserter(ClinicCmsDbContext db) : IAsyncDisposable
{
    private TableInsert? _versions;
    private TableInsert? _fields;

    public async Task InsertAsync(ContentItemVersionRow record, CancellationToken cancellationToken)
    {
        if (_versions is null || _fields is null)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            _versions = TableInsert.Create(db, typeof(ContentItemVersionRow));
            _fields = TableInsert.Create(db, typeof(ContentFieldIndexRow));
        }
        record.Id = await _versions.ExecuteAsync(record, cancellationToken);
        foreach (var field in record.Fields)
        {
            field.VersionRowId = record.Id;
            field.Id = await _fields.ExecuteAsync(field, cancellationToken);
        }
        db.ContentItems.Attach(record); // keys are set, so the row and its fields are tracked as unchanged
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

    private sealed class TableInsert(DbCommand command, List<(IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter)> columns) : IAsyncDisposable
    {
        public static TableInsert Create(ClinicCmsDbContext db, Type clrType)
        {
            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var command = db.Database.GetDbConnection().CreateCommand();
            // Rows written outside a transaction would outlive a failed import.
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction; begin one first.");
            var columns = new List<(IClrPropertyGetter, ValueConverter?, DbParameter)>();
            var names = new List<string>();
            var values = new List<string>();
            foreach (var property in entity.GetProperties().Where(p => p != key))
            {
                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                var parameter = mapping.CreateParameter(command, $"p{columns.Count}", null, property.IsNullable);
                command.Parameters.Add(parameter);
                columns.Add((property.GetGetter(), mapping.Converter, parameter));
                names.Add(sql.DelimitIdentifier(property.GetColumnName(table)!));
                values.Add("@" + parameter.ParameterName.TrimStart('@'));
            }
            command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)}) RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
            command.Prepare();
            return new TableInsert(command, columns);
        }

        public async Task<long> ExecuteAsync(object row, CancellationToken cancellationToken)
        {
            foreach (var (getter, converter, parameter) in columns)
            {
                var value = getter.GetClrValueUsingContainingEntity(row);
                parameter.Value = (converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
            }
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
