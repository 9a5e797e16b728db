namespace ClinicCms.Content.Changes;

/// <summary>
/// The changes a unit of work (one DbContext) wrote in its current transaction, waiting for the commit. Dropped
/// on rollback, so a failed write or recipe announces nothing.
/// </summary>
internal sealed class PendingChanges
{
    private List<ContentChange> _changes = [];
    private List<Audit.AuditRow> _audit = [];

    public void Add(ContentChange change) => _changes.Add(change);

    /// <summary>The changes queued so far, left in place (the outbox reads them just before the commit).</summary>
    public IReadOnlyList<ContentChange> Queued => _changes;

    /// <summary>Set when webhook deliveries were written in this transaction, so the deliverer is woken after the commit.</summary>
    public bool WebhooksQueued { get; set; }

    public List<ContentChange> TakeAll()
    {
        var taken = _changes;
        _changes = taken.Count == 0 ? taken : [];
        return taken;
    }

    /// <summary>Queues an audit row, written just before the transaction commits (<see cref="Audit.AuditBeforeCommit"/>).</summary>
    public void AddAudit(Audit.AuditRow row) => _audit.Add(row);

    public List<Audit.AuditRow> TakeAudit()
    {
        var taken = _audit;
        _audit = taken.Count == 0 ? taken : [];
        return taken;
    }

    public void Clear()
    {
        _changes.Clear();
        _audit.Clear();
        WebhooksQueued = false;
    }
}
