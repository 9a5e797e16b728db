using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

public sealed class SqliteClinicCmsDbContext(DbContextOptions<SqliteClinicCmsDbContext> options) : ClinicCmsDbContext(options)
{
    protected override string JsonColumnType => "TEXT";

    // Text filters (a FAQ's category, say) start from the matching index rows; SQLite has no key length limit.
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ContentFieldIndexRow>().HasIndex(f => new { f.ContentType, f.ContentPart, f.ContentField, f.Text });
    }
}
