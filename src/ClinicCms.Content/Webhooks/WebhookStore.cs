using ClinicCms.Content.Audit;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Webhooks;

/// <summary>
/// Reads and writes webhooks (the admin pages and the recipe step). Every write moves the version of the
/// <see cref="SiteDocumentNames.Webhooks"/> document in its transaction, so every instance's outbox sees the new
/// subscriptions, and records an audit row; secrets are never in the audit trail.
/// </summary>
public sealed class WebhookStore(ClinicCmsDbContext db, SiteDocumentStore documents, TimeProvider clock,
    IEnumerable<IWebhookUrlRule> urlRules)
{
    public Task<List<WebhookRow>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Webhooks.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);

    public Task<WebhookRow?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    /// <summary>Creates a webhook (<paramref name="id"/> null) or changes one; a new one without a secret gets a new secret.</summary>
    public async Task<(WebhookRow? Webhook, List<ContentError> Errors)> SaveAsync(long? id, WebhookInput input, CancellationToken cancellationToken = default)
    {
        var errors = Check(input);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var name = input.Name!.Trim();
        if (await db.Webhooks.AnyAsync(w => w.Name == name && w.Id != (id ?? 0), cancellationToken))
        {
            return (null, [new ContentError("Name", $"another webhook is named \"{name}\"")]);
        }
        WebhookRow? row;
        await using (var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken))
        {
            row = id is null ? new WebhookRow { CreatedUtc = Now, Secret = WebhookSecret.New() } : await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
            if (row is null)
            {
                return (null, [new ContentError("", $"no webhook has the id {id}")]);
            }
            Copy(input, row);
            if (id is null)
            {
                db.Webhooks.Add(row);
            }
            await CommitAsync(transaction, $"webhook {row.Name} {(id is null ? "created" : "changed")}", cancellationToken);
        }
        db.Entry(row).State = EntityState.Detached;
        return (row, []);
    }

    /// <summary>Every problem of <paramref name="input"/>: its own checks, then the host's URL rules (a private address).</summary>
    public List<ContentError> Check(WebhookInput input)
    {
        var errors = input.Check();
        if (errors.Count == 0 && Uri.TryCreate(input.Url!.Trim(), UriKind.Absolute, out var url))
        {
            errors.AddRange(urlRules.Select(r => r.Problem(url)).OfType<string>().Select(p => new ContentError("Url", p)));
        }
        return errors;
    }

    /// <summary>The recipe step's write: each webhook by name, created or replaced; in the run's transaction.</summary>
    public async Task ImportAsync(IReadOnlyList<WebhookInput> inputs, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        foreach (var input in inputs)
        {
            var name = input.Name!.Trim();
            var row = await db.Webhooks.FirstOrDefaultAsync(w => w.Name == name, cancellationToken);
            if (row is null)
            {
                row = new WebhookRow { CreatedUtc = Now, Secret = WebhookSecret.New() };
                db.Webhooks.Add(row);
            }
            Copy(input, row);
        }
        await CommitAsync(transaction, $"{inputs.Count} webhook(s) imported", cancellationToken);
    }

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) => ChangeAsync(id, row => db.Webhooks.Remove(row), "deleted", cancellationToken);

    public Task<bool> SetEnabledAsync(long id, bool enabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, row => row.Enabled = enabled, enabled ? "enabled" : "disabled", cancellationToken);

    /// <summary>Gives the webhook a new secret and returns it (the receiver must be told it).</summary>
    public async Task<string?> NewSecretAsync(long id, CancellationToken cancellationToken = default)
    {
        var secret = WebhookSecret.New();
        return await ChangeAsync(id, row => row.Secret = secret, "given a new secret", cancellationToken) ? secret : null;
    }

    private async Task<bool> ChangeAsync(long id, Action<WebhookRow> change, string what, CancellationToken cancellationToken)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var row = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (row is null)
        {
            return false;
        }
        change(row);
        row.ModifiedUtc = Now;
        await CommitAsync(transaction, $"webhook {row.Name} {what}", cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private void Copy(WebhookInput input, WebhookRow row)
    {
        row.Name = input.Name!.Trim();
        row.Url = input.Url!.Trim();
        row.Events = string.Join(' ', input.Events!.Distinct(StringComparer.Ordinal));
        row.ContentTypes = string.Join(' ', (input.ContentTypes ?? []).Distinct(StringComparer.Ordinal));
        row.Enabled = input.Enabled;
        if (!string.IsNullOrEmpty(input.Secret))
        {
            row.Secret = input.Secret;
        }
        row.ModifiedUtc = Now;
    }

    // The webhooks document moves in the same transaction, so other instances' caches notice; the store announces the
    // change once the outermost transaction commits (a recipe's, when it runs in one), and this instance's cache hears it.
    private async Task CommitAsync(OwnedTransaction transaction, string detail, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await documents.SaveAsync(SiteDocumentNames.Webhooks, "{}", cancellationToken);
        db.PendingChanges.AddAudit(AuditRow.Of(AuditCategories.Site, AuditEvents.WebhookChanged, detail: detail));
        await transaction.CommitAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
