using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

public sealed class PostgresClinicCmsDbContext(DbContextOptions<PostgresClinicCmsDbContext> options) : ClinicCmsDbContext(options)
{
    protected override string JsonColumnType => "jsonb";

    // Text filters start from the matching index rows. A B-tree key may not pass about 2.7 KB on PostgreSQL and a
    // text field may hold more, so its values are indexed by hash (equality only, which is what filters use most).
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ContentFieldIndexRow>().HasIndex(f => f.Text).HasMethod("hash");
    }
}
