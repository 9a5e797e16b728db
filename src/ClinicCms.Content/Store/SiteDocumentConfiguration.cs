using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicCms.Content.Store;

internal sealed class SiteDocumentConfiguration(string jsonColumnType) : IEntityTypeConfiguration<SiteDocument>
{
    public void Configure(EntityTypeBuilder<SiteDocument> entity)
    {
        entity.ToTable("SiteDocuments");
        entity.HasKey(d => d.Name);
        entity.Property(d => d.Name).HasMaxLength(100);
        entity.Property(d => d.Content).HasColumnType(jsonColumnType).IsRequired();
        entity.Property(d => d.Version).IsConcurrencyToken();
    }
}
