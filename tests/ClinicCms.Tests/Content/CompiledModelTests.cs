using System.Text;
using ClinicCms.Content.Store;
using ClinicCms.Content.Store.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ClinicCms.Tests.Content;

/// <summary>
/// The SQLite context runs on a compiled model (Store/CompiledModels/Sqlite), which saves building the model from
/// OnModelCreating at every start. It is generated code: after a change to the model, and after adding a migration,
/// generate it again from the repository root with
/// <c>dotnet ef dbcontext optimize --project src/ClinicCms.Content --startup-project src/ClinicCms.Content
/// --context SqliteClinicCmsDbContext --output-dir Store/CompiledModels/Sqlite --namespace ClinicCms.Content.Store.CompiledModels.Sqlite</c>.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void SqliteContextUsesTheCompiledModel()
    {
        using var db = NewContext();

        Assert.IsType<SqliteClinicCmsDbContextModel>(db.Model);
    }

    [Fact]
    public void CompiledModelHasTheShapeOnModelCreatingGives()
    {
        using var db = NewContext();
        var configured = db.GetService<IDesignTimeModel>().Model;

        Assert.True(Shape(configured) == Shape(db.Model),
            "The compiled model is out of date: generate it again (see CompiledModelTests).");
    }

    private static SqliteClinicCmsDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteClinicCmsDbContext>().UseSqlite("Data Source=:memory:").Options);

    // Tables, columns, keys, foreign keys and indexes (with their filters): what the database and the SQL see.
    private static string Shape(IModel model)
    {
        var text = new StringBuilder();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            text.AppendLine($"{entity.Name} -> {entity.GetTableName()}");
            foreach (var property in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                text.AppendLine($"  {property.Name} {property.GetColumnName()} {property.ClrType} null={property.IsNullable} max={property.GetMaxLength()} "
                    + $"type={property.GetColumnType()} converted={property.GetValueConverter() is not null} concurrency={property.IsConcurrencyToken}");
            }
            foreach (var key in entity.GetKeys().OrderBy(k => Names(k.Properties), StringComparer.Ordinal))
            {
                text.AppendLine($"  key {Names(key.Properties)} primary={key.IsPrimaryKey()}");
            }
            foreach (var foreignKey in entity.GetForeignKeys().OrderBy(k => Names(k.Properties), StringComparer.Ordinal))
            {
                text.AppendLine($"  foreign key {Names(foreignKey.Properties)} -> {foreignKey.PrincipalEntityType.Name} {foreignKey.DeleteBehavior}");
            }
            foreach (var index in entity.GetIndexes().OrderBy(i => i.GetDatabaseName(), StringComparer.Ordinal))
            {
                text.AppendLine($"  index {index.GetDatabaseName()} ({Names(index.Properties)}) unique={index.IsUnique} filter={index.GetFilter()}");
            }
        }
        return text.ToString();
    }

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
