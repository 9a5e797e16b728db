using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicCms.Content.Store;

internal sealed class ContentItemVersionRowConfiguration(string jsonColumnType)
    : IEntityTypeConfiguration<ContentItemVersionRow>
{
    public const int IdLength = 26;
    public const int NameLength = 255;
    public const int DisplayTextLength = 1024;
    public const int PathLength = 1024;

    private static readonly System.Linq.Expressions.Expression<Func<DateTime?, DateTime?>> ToMicroseconds =
        v => v == null ? null : new DateTime(v.Value.Ticks - v.Value.Ticks % 10, v.Value.Kind);

    public void Configure(EntityTypeBuilder<ContentItemVersionRow> entity)
    {
        entity.ToTable("ContentItemVersions");
        entity.HasKey(r => r.Id);
        entity.Property(r => r.ContentItemId).HasMaxLength(IdLength).IsRequired();
        entity.Property(r => r.ContentItemVersionId).HasMaxLength(IdLength).IsRequired();
        entity.Property(r => r.ContentType).HasMaxLength(NameLength).IsRequired();
        entity.Property(r => r.DisplayText).HasMaxLength(DisplayTextLength);
        entity.Property(r => r.Owner).HasMaxLength(NameLength);
        entity.Property(r => r.Author).HasMaxLength(NameLength);
        entity.Property(r => r.Path).HasMaxLength(PathLength);
        entity.Property(r => r.Culture).HasMaxLength(Localization.CultureName.MaxLength);
        entity.Property(r => r.LocalizationSet).HasMaxLength(NameLength);
        entity.Property(r => r.Content).HasColumnType(jsonColumnType).IsRequired();
        entity.Property(r => r.ConcurrencyStamp).HasMaxLength(36).IsConcurrencyToken();
        // PostgreSQL keeps microseconds; cutting ticks to that everywhere gives both providers the same timestamps and order.
        entity.Property(r => r.CreatedUtc).HasConversion(ToMicroseconds, v => v);
        entity.Property(r => r.ModifiedUtc).HasConversion(ToMicroseconds, v => v);
        entity.Property(r => r.PublishedUtc).HasConversion(ToMicroseconds, v => v);
        entity.Property(r => r.ScheduledUtc).HasConversion(ToMicroseconds, v => v);

        entity.HasIndex(r => r.ContentItemVersionId).IsUnique();
        entity.HasIndex(r => r.ContentItemId);

        // The database itself holds the versioning invariant: at most one published and one latest version per item.
        // They also find an item's latest or published version in one step: the filter is the very term EF Core writes
        // for `r.Latest` on both providers, as SQLite uses a filtered index only for a query that repeats its filter.
        entity.HasIndex(r => r.ContentItemId, "UX_ContentItemVersions_Published").IsUnique().HasFilter("\"Published\"");
        entity.HasIndex(r => r.ContentItemId, "UX_ContentItemVersions_Latest").IsUnique().HasFilter("\"Latest\"");

        // Listing a type by status, in the orders frontends and the admin ask for.
        entity.HasIndex(r => new { r.ContentType, r.Published, r.CreatedUtc });
        entity.HasIndex(r => new { r.ContentType, r.Published, r.PublishedUtc });
        entity.HasIndex(r => new { r.ContentType, r.Published, r.DisplayText });
        entity.HasIndex(r => new { r.ContentType, r.Latest, r.ModifiedUtc });
        entity.HasIndex(r => new { r.Latest, r.ModifiedUtc });
        entity.HasIndex(r => r.Path);

        // A list in one culture, and the other cultures of an item (its localization set).
        entity.HasIndex(r => new { r.ContentType, r.Culture, r.Published });
        entity.HasIndex(r => r.LocalizationSet);
        // One item per culture per localization set, held by the database so that two racing writers cannot both win.
        entity.HasIndex(r => new { r.LocalizationSet, r.Culture }, Localization.CultureSlot.LatestIndex).IsUnique()
            .HasFilter("\"Latest\" AND \"LocalizationSet\" IS NOT NULL AND \"Culture\" IS NOT NULL");
        entity.HasIndex(r => new { r.LocalizationSet, r.Culture }, Localization.CultureSlot.PublishedIndex).IsUnique()
            .HasFilter("\"Published\" AND \"LocalizationSet\" IS NOT NULL AND \"Culture\" IS NOT NULL");

        // The scheduler's check (due versions, earliest first): only scheduled versions are in it.
        entity.HasIndex(r => r.ScheduledUtc).HasFilter("\"ScheduledUtc\" IS NOT NULL");
    }
}
