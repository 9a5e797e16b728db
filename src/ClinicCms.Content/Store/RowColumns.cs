using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClinicCms.Content.Store;

/// <summary>
/// A mapped table's columns as the EF model stores them (name, getter, converter, type mapping), key first, so bulk
/// writers store a row exactly as SaveChanges would.
/// </summary>
internal sealed class RowColumns
{
    private RowColumns(string table, string key, IReadOnlyList<Column> columns)
    {
        Table = table;
        Key = key;
        Columns = columns;
    }

    /// <summary>The delimited table name.</summary>
    public string Table { get; }

    /// <summary>The undelimited table name, as SQLite's sqlite_sequence and PostgreSQL's pg_get_serial_sequence name it.</summary>
    public string TableName { get; private init; } = "";

    /// <summary>The key column's delimited and undelimited names.</summary>
    public string Key { get; }

    public string KeyName { get; private init; } = "";

    /// <summary>Every column, the key first.</summary>
    public IReadOnlyList<Column> Columns { get; }

    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    public static RowColumns Of(DbContext db, Type clrType)
    {
        var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties().OrderBy(p => p == key ? 0 : 1))
        {
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            columns.Add(new Column(sql.DelimitIdentifier(property.GetColumnName(table)!), property.GetGetter(), mapping, property.IsNullable));
        }
        var keyName = key.GetColumnName(table)!;
        return new RowColumns(sql.DelimitIdentifier(table.Name, table.Schema), sql.DelimitIdentifier(keyName), columns)
        {
            TableName = table.Name,
            KeyName = keyName,
        };
    }

    public sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable)
    {
        /// <summary>The row's value as the database takes it (the model's converter applied).</summary>
        public object? ValueOf(object row)
        {
            var value = Getter.GetClrValueUsingContainingEntity(row);
            return Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
