using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClinicCms.Content.Store;

// Used by `dotnet ef migrations add`; no database is opened to generate a migration.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClinicCmsDbContext>
{
    public SqliteClinicCmsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteClinicCmsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClinicCmsDbContext>
{
    public PostgresClinicCmsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresClinicCmsDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
