using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClinicCms.Content.Webhooks;

/// <summary>
/// The outbox as the deliverer and the delivery log see it. A due delivery is claimed by a conditional UPDATE (it must
/// still be pending, due and unclaimed), so of several instances exactly one sends each attempt; a claim runs out after
/// its lease, so a delivery held by a crashed instance is sent again.
/// </summary>
public sealed class WebhookDeliveries(ClinicCmsDbContext db, WebhookWakeup wakeup, TimeProvider clock)
{
    /// <summary>The webhooks that have pending deliveries due at <paramref name="now"/> and not held by a live claim.</summary>
    public Task<List<long>> ListDueTargetsAsync(DateTime now, int max, CancellationToken cancellationToken = default) =>
        Due(now).Select(d => d.WebhookId).Distinct().Take(max).ToListAsync(cancellationToken);

    /// <summary>One webhook's pending deliveries due at <paramref name="now"/> and not held by a live claim, oldest first.</summary>
    public Task<List<string>> ListDueAsync(long webhookId, DateTime now, int max, CancellationToken cancellationToken = default) =>
        Due(now).Where(d => d.WebhookId == webhookId)
            .OrderBy(d => d.CreatedUtc).ThenBy(d => d.Id)
            .Take(max)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);

    private IQueryable<WebhookDeliveryRow> Due(DateTime now) => db.WebhookDeliveries.AsNoTracking()
        .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptUtc <= now && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc <= now));

    /// <summary>Claims the delivery for one attempt until <paramref name="now"/> + <paramref name="lease"/>; null when another instance has it or it is no longer due.</summary>
    public async Task<WebhookDelivery?> ClaimAsync(string id, DateTime now, TimeSpan lease, string instance, CancellationToken cancellationToken = default)
    {
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.State == WebhookDeliveryState.Pending && d.NextAttemptUtc <= now && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntilUtc, now + lease).SetProperty(d => d.ClaimedBy, instance), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Id == id)
            .Join(db.Webhooks, d => d.WebhookId, w => w.Id, (d, w) => new WebhookDelivery(d.Id, d.WebhookId, d.Payload, d.Attempts, w.Url, w.Secret, w.Enabled))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Logs the attempt and moves the delivery on: delivered; or due again after the next of <paramref name="retryDelays"/>;
    /// or failed when none is left (or <paramref name="final"/>). Releases the claim. Only a delivery still claimed by
    /// <paramref name="instance"/> moves: one redelivered or claimed by another instance since is left to its new owner.
    /// </summary>
    public async Task RecordAsync(WebhookDelivery delivery, string instance, WebhookAttemptResult result, IReadOnlyList<TimeSpan> retryDelays,
        bool final = false, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var attempts = delivery.Attempts + 1;
        var retry = !result.Delivered && !final && attempts <= retryDelays.Count;
        var state = result.Delivered ? WebhookDeliveryState.Delivered : retry ? WebhookDeliveryState.Pending : WebhookDeliveryState.Failed;
        DateTime? next = retry ? now + retryDelays[attempts - 1] : null;
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        db.WebhookAttempts.Add(new WebhookAttemptRow
        {
            DeliveryId = delivery.Id,
            WebhookId = delivery.WebhookId,
            AttemptedUtc = now,
            StatusCode = result.StatusCode,
            DurationMs = result.DurationMs,
            Error = Audit.AuditRow.Shorten(result.Error, WebhookAttemptRow.MaxError),
        });
        await db.SaveChangesAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.ClaimedBy == instance).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.State, state)
            .SetProperty(d => d.NextAttemptUtc, next)
            .SetProperty(d => d.ClaimedUntilUtc, (DateTime?)null)
            .SetProperty(d => d.ClaimedBy, (string?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>A webhook's newest deliveries, for its log.</summary>
    public Task<List<WebhookDeliveryRow>> ListAsync(long webhookId, int max, CancellationToken cancellationToken = default) =>
        db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId).OrderByDescending(d => d.CreatedUtc).ThenByDescending(d => d.Id).Take(max).ToListAsync(cancellationToken);

    /// <summary>The attempts of the given deliveries, oldest first.</summary>
    public async Task<ILookup<string, WebhookAttemptRow>> AttemptsAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default) =>
        (await db.WebhookAttempts.AsNoTracking().Where(a => deliveryIds.Contains(a.DeliveryId)).OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.DeliveryId);

    /// <summary>
    /// Sends a delivery of <paramref name="webhookId"/> again, now, with a fresh set of retries. A pending delivery under a
    /// live claim is left alone: clearing the claim would let a second instance send it while the first still is.
    /// </summary>
    public async Task<WebhookRedelivery> RedeliverAsync(long webhookId, string deliveryId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var changed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.WebhookId == webhookId
                && (d.State != WebhookDeliveryState.Pending || d.ClaimedUntilUtc == null || d.ClaimedUntilUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, WebhookDeliveryState.Pending).SetProperty(d => d.NextAttemptUtc, now)
                .SetProperty(d => d.Attempts, 0).SetProperty(d => d.ClaimedUntilUtc, (DateTime?)null).SetProperty(d => d.ClaimedBy, (string?)null), cancellationToken);
        if (changed == 1)
        {
            wakeup.Signal();
            return WebhookRedelivery.Queued;
        }
        return await db.WebhookDeliveries.AnyAsync(d => d.Id == deliveryId && d.WebhookId == webhookId, cancellationToken)
            ? WebhookRedelivery.InProgress
            : WebhookRedelivery.NotFound;
    }

    /// <summary>
    /// Deletes delivered and failed deliveries created before <paramref name="cutoff"/>, with their attempts (the log's
    /// retention). Pending ones stay, however old. Returns how many deliveries it deleted.
    /// </summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        var old = db.WebhookDeliveries.Where(d => d.State != WebhookDeliveryState.Pending && d.CreatedUtc < cutoff);
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        await db.WebhookAttempts.Where(a => old.Any(d => d.Id == a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await old.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
