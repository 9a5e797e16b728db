using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicCms.Content.Store;

/// <summary>
/// Site documents (definitions, settings, roles) are read and written whole and never queried inside, so they are
/// plain text on every provider: jsonb would reorder their keys, and an export must give back what was imported.
/// </summary>
internal sealed class SiteDocumentConfiguration : IEntityTypeConfiguration<SiteDocument>
{
    public void Configure(EntityTypeBuilder<SiteDocument> entity)
    {
        entity.ToTable("SiteDocuments");
        entity.HasKey(d => d.Name);
        entity.Property(d => d.Name).HasMaxLength(100);
        entity.Property(d => d.Content).IsRequired(); // TEXT on SQLite, text on PostgreSQL
        entity.Property(d => d.Version).IsConcurrencyToken();
    }
}
