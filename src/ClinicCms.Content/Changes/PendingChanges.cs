namespace ClinicCms.Content.Changes;

/// <summary>
/// The changes a unit of work (one DbContext) wrote in its current transaction, waiting for the commit. Dropped
/// on rollback, so a failed write or recipe announces nothing.
/// </summary>
internal sealed class PendingChanges
{
    private List<ContentChange> _changes = [];

    public void Add(ContentChange change) => _changes.Add(change);

    public List<ContentChange> TakeAll()
    {
        var taken = _changes;
        _changes = taken.Count == 0 ? taken : [];
        return taken;
    }

    public void Clear() => _changes.Clear();
}
