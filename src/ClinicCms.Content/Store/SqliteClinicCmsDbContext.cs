using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

public sealed class SqliteClinicCmsDbContext(DbContextOptions<SqliteClinicCmsDbContext> options) : ClinicCmsDbContext(options)
{
    protected override string IsTrue(string column) => $"\"{column}\" = 1";

    protected override string JsonColumnType => "TEXT";
}
