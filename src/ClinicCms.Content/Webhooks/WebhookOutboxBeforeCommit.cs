using System.Data.Common;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClinicCms.Content.Webhooks;

/// <summary>
/// Writes the webhook deliveries of a transaction's changes just before it commits, in that transaction (the outbox):
/// a rolled-back or refused write leaves no delivery, and a committed one cannot lose its delivery to a crash. Only
/// enabled webhooks that listen to the event (and, when they name types, the item's type) get a row: one INSERT of all
/// of them. Wakes the deliverer once the commit is done.
/// </summary>
internal sealed class WebhookOutboxBeforeCommit(WebhookSubscriptions subscriptions, WebhookWakeup wakeup, TimeProvider clock) : IDbTransactionInterceptor
{
    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        WriteAsync(transaction, eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        await WriteAsync(transaction, eventData.Context, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Wake(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return Task.CompletedTask;
    }

    private void Wake(DbContext? context)
    {
        if (context is ClinicCmsDbContext { PendingChanges.WebhooksQueued: true } db)
        {
            db.PendingChanges.WebhooksQueued = false;
            wakeup.Signal();
        }
    }

    private async ValueTask WriteAsync(DbTransaction transaction, DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not ClinicCmsDbContext db || !db.PendingChanges.Queued.Any(c => WebhookEvents.Of(c) is not null))
        {
            return;
        }
        var subscribed = await subscriptions.GetAsync(transaction, cancellationToken);
        if (subscribed.Length == 0)
        {
            return;
        }
        var wanted = db.PendingChanges.Queued
            .Select(c => (Change: c, Event: WebhookEvents.Of(c)))
            .Where(c => c.Event is not null)
            .Select(c => (c.Change, Event: c.Event!, To: subscribed.Where(s => s.Wants(c.Event!, c.Change.ContentType)).ToList()))
            .Where(c => c.To.Count > 0)
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var versions = await OutboxSubjects.FindAsync(db, transaction, wanted.Select(c => c.Change), cancellationToken);
        var now = clock.GetUtcNow();
        var rows = new List<WebhookDeliveryRow>();
        foreach (var (change, eventType, to) in wanted)
        {
            var payload = WebhookPayload.Write(eventType, now, OutboxSubjects.Of(change, versions));
            rows.AddRange(to.Select(s => OutboxRows.New(s.Id, eventType, payload, now)));
        }
        await OutboxRows.InsertAsync(transaction, rows, cancellationToken);
        db.PendingChanges.WebhooksQueued = true;
    }
}
