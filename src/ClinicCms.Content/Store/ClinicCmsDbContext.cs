using ClinicCms.Content.Changes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// The model, shared by both providers. Each provider derives its own context with its own migrations
/// (EF Core's one context type per provider), and says how a filtered index tests a boolean column.
/// </summary>
public abstract class ClinicCmsDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<ContentItemVersionRow> ContentItems => Set<ContentItemVersionRow>();

    public DbSet<SiteDocument> SiteDocuments => Set<SiteDocument>();

    public DbSet<ContentFieldIndexRow> FieldIndex => Set<ContentFieldIndexRow>();

    /// <summary>Changes written in the current transaction, announced when it commits.</summary>
    internal PendingChanges PendingChanges { get; } = new();

    public DbSet<Audit.AuditRow> AuditTrail => Set<Audit.AuditRow>();

    public DbSet<Webhooks.WebhookRow> Webhooks => Set<Webhooks.WebhookRow>();

    public DbSet<Webhooks.WebhookDeliveryRow> WebhookDeliveries => Set<Webhooks.WebhookDeliveryRow>();

    public DbSet<Webhooks.WebhookAttemptRow> WebhookAttempts => Set<Webhooks.WebhookAttemptRow>();

    /// <summary>
    /// Queues <paramref name="change"/> to be announced when the current transaction commits, and its audit row
    /// (done by <paramref name="by"/>, or the request's user) to be written just before.
    /// </summary>
    internal void Announce(ContentChange change, ContentItems.ContentUser? by = null, string? auditEvent = null, string? auditDetail = null)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Changes are announced when their transaction commits; begin one (OwnedTransaction) first.");
        }
        PendingChanges.Add(change);
        if (Audit.AuditEvents.RowOf(change, by, auditEvent, auditDetail) is { } row)
        {
            PendingChanges.AddAudit(row);
        }
    }

    /// <summary>
    /// Run once when the scope disposes the context, before it is pooled: a <see cref="ReadSession"/> that took the
    /// context after the scope began gives its connection back here, since the scope disposes what it made last first.
    /// (The scope disposes this context before the pool lease its factory made, and the lease pools it.)
    /// </summary>
    internal Action? BeforeRelease { get; set; }

    private void Release()
    {
        var release = BeforeRelease;
        BeforeRelease = null;
        release?.Invoke();
    }

    // The scope disposes the context just before its pool lease pools it: nothing queued by one request may be
    // announced by the next.
    public override void Dispose()
    {
        PendingChanges.Clear();
        try
        {
            Release();
        }
        finally
        {
            base.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        PendingChanges.Clear();
        try
        {
            Release();
        }
        finally
        {
            await base.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>The column type of item JSON (TEXT on SQLite, jsonb on PostgreSQL).</summary>
    protected abstract string JsonColumnType { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new ContentItemVersionRowConfiguration(JsonColumnType));
        builder.ApplyConfiguration(new SiteDocumentConfiguration());
        builder.ApplyConfiguration(new ContentFieldIndexRowConfiguration());
        builder.ApplyConfiguration(new Audit.AuditRowConfiguration());
        builder.ApplyConfiguration<Webhooks.WebhookRow>(new Webhooks.WebhookRowConfiguration());
        builder.ApplyConfiguration<Webhooks.WebhookDeliveryRow>(new Webhooks.WebhookRowConfiguration());
        builder.ApplyConfiguration<Webhooks.WebhookAttemptRow>(new Webhooks.WebhookRowConfiguration());
        builder.UseOpenIddict();
    }
}
