using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

public sealed class PostgresClinicCmsDbContext(DbContextOptions<PostgresClinicCmsDbContext> options) : ClinicCmsDbContext(options)
{
    protected override string IsTrue(string column) => $"\"{column}\"";

    protected override string JsonColumnType => "jsonb";
}
