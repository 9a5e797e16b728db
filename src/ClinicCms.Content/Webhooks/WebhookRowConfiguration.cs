using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicCms.Content.Webhooks;

/// <summary>Subscriptions, their outbox and its attempts log. Deleting a webhook deletes its deliveries and their attempts.</summary>
internal sealed class WebhookRowConfiguration : IEntityTypeConfiguration<WebhookRow>, IEntityTypeConfiguration<WebhookDeliveryRow>, IEntityTypeConfiguration<WebhookAttemptRow>
{
    public const string Table = "Webhooks";
    public const string DeliveriesTable = "WebhookDeliveries";
    public const string AttemptsTable = "WebhookAttempts";

    public void Configure(EntityTypeBuilder<WebhookRow> entity)
    {
        entity.ToTable(Table);
        entity.HasKey(w => w.Id);
        entity.Property(w => w.Name).HasMaxLength(WebhookRow.MaxName).IsRequired();
        entity.Property(w => w.Url).HasMaxLength(WebhookRow.MaxUrl).IsRequired();
        entity.Property(w => w.Events).HasMaxLength(500).IsRequired();
        entity.Property(w => w.ContentTypes).HasMaxLength(2000).IsRequired();
        entity.Property(w => w.Secret).HasMaxLength(200).IsRequired();
        entity.Ignore(w => w.EventList);
        entity.Ignore(w => w.ContentTypeList);
        entity.HasIndex(w => w.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<WebhookDeliveryRow> entity)
    {
        entity.ToTable(DeliveriesTable);
        entity.HasKey(d => d.Id);
        entity.Property(d => d.Id).HasMaxLength(40);
        entity.Property(d => d.EventType).HasMaxLength(32).IsRequired();
        entity.Property(d => d.Payload).IsRequired();
        entity.Property(d => d.State).HasMaxLength(16).IsRequired();
        entity.Property(d => d.ClaimedBy).HasMaxLength(64);
        entity.HasOne<WebhookRow>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(d => new { d.State, d.NextAttemptUtc }); // the deliverer's check for due rows
        entity.HasIndex(d => new { d.WebhookId, d.CreatedUtc }); // a webhook's delivery log, newest first
    }

    public void Configure(EntityTypeBuilder<WebhookAttemptRow> entity)
    {
        entity.ToTable(AttemptsTable);
        entity.HasKey(a => a.Id);
        entity.Property(a => a.DeliveryId).HasMaxLength(40).IsRequired();
        entity.Property(a => a.Error).HasMaxLength(WebhookAttemptRow.MaxError);
        entity.HasOne<WebhookDeliveryRow>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(a => new { a.DeliveryId, a.Id });
    }
}
