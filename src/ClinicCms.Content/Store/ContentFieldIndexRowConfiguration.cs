using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicCms.Content.Store;

internal sealed class ContentFieldIndexRowConfiguration : IEntityTypeConfiguration<ContentFieldIndexRow>
{
    public void Configure(EntityTypeBuilder<ContentFieldIndexRow> entity)
    {
        entity.ToTable("ContentFieldIndex");
        entity.HasKey(f => f.Id);
        entity.Property(f => f.ContentType).HasMaxLength(ContentItemVersionRowConfiguration.NameLength).IsRequired();
        entity.Property(f => f.ContentPart).HasMaxLength(ContentItemVersionRowConfiguration.NameLength).IsRequired();
        entity.Property(f => f.ContentField).HasMaxLength(ContentItemVersionRowConfiguration.NameLength).IsRequired();
        entity.Property(f => f.Time).HasMaxLength(16);
        entity.Property(f => f.VersionRowId).HasColumnName("DocumentId");
        entity.HasOne<ContentItemVersionRow>().WithMany(r => r.Fields).HasForeignKey(f => f.VersionRowId).OnDelete(DeleteBehavior.Cascade);

        // Filters and orders look a field up by version, then compare its value.
        entity.HasIndex(f => new { f.VersionRowId, f.ContentPart, f.ContentField });
        entity.HasIndex(f => new { f.ContentType, f.ContentPart, f.ContentField, f.Numeric });
        entity.HasIndex(f => new { f.ContentType, f.ContentPart, f.ContentField, f.Date });
        entity.HasIndex(f => new { f.ContentType, f.ContentPart, f.ContentField, f.Boolean });
    }
}
