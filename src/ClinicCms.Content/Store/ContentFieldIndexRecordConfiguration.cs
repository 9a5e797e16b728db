using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicCms.Content.Store;

internal sealed class ContentFieldIndexRecordConfiguration : IEntityTypeConfiguration<ContentFieldIndexRecord>
{
    public void Configure(EntityTypeBuilder<ContentFieldIndexRecord> entity)
    {
        entity.ToTable("ContentFieldIndex");
        entity.HasKey(f => f.Id);
        entity.Property(f => f.ContentType).HasMaxLength(ContentItemRecordConfiguration.NameLength).IsRequired();
        entity.Property(f => f.ContentPart).HasMaxLength(ContentItemRecordConfiguration.NameLength).IsRequired();
        entity.Property(f => f.ContentField).HasMaxLength(ContentItemRecordConfiguration.NameLength).IsRequired();
        entity.Property(f => f.Time).HasMaxLength(16);
        entity.HasOne<ContentItemRecord>().WithMany(r => r.Fields).HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);

        // Filters and orders look a field up by version, then compare its value.
        entity.HasIndex(f => new { f.DocumentId, f.ContentPart, f.ContentField });
        entity.HasIndex(f => new { f.ContentType, f.ContentPart, f.ContentField, f.Numeric });
        entity.HasIndex(f => new { f.ContentType, f.ContentPart, f.ContentField, f.Date });
        entity.HasIndex(f => new { f.ContentType, f.ContentPart, f.ContentField, f.Boolean });
    }
}
