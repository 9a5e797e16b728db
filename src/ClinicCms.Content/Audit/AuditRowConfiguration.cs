using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicCms.Content.Audit;

/// <summary>The audit trail: appended to, read newest first (by id), filtered by time or item, and trimmed by age.</summary>
internal sealed class AuditRowConfiguration : IEntityTypeConfiguration<AuditRow>
{
    public const string Table = "AuditTrail";

    public void Configure(EntityTypeBuilder<AuditRow> entity)
    {
        entity.ToTable(Table);
        entity.HasKey(r => r.Id);
        entity.Property(r => r.Category).HasMaxLength(16).IsRequired();
        entity.Property(r => r.Event).HasMaxLength(32).IsRequired();
        entity.Property(r => r.UserId).HasMaxLength(AuditRow.MaxId);
        entity.Property(r => r.UserName).HasMaxLength(AuditRow.MaxUserName);
        entity.Property(r => r.Address).HasMaxLength(64);
        entity.Property(r => r.ContentItemId).HasMaxLength(64);
        entity.Property(r => r.ContentItemVersionId).HasMaxLength(64);
        entity.Property(r => r.ContentType).HasMaxLength(AuditRow.MaxContentType);
        entity.Property(r => r.Detail).HasMaxLength(AuditRow.MaxDetail);
        entity.HasIndex(r => r.Utc);
        entity.HasIndex(r => new { r.ContentItemId, r.Id });
        entity.HasIndex(r => new { r.Category, r.Id });
    }
}
