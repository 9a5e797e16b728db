using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// Inserts new version rows and their field index rows for imports, in the context's connection and transaction:
/// rows are queued, then written together by <see cref="FlushAsync"/>. Keys are taken for the whole flush first, so
/// version rows and field rows can each go in as one table's batch (<see cref="TableWriter"/>) with no statement per
/// row. Change tracking cost more than the SQL itself at 10,000 items. Columns, converters and parameter types come
/// from the EF model, so a row is stored exactly as SaveChanges would store it; inserted rows are then attached as
/// unchanged, for later writes to see.
/// </summary>
internal sealed class RowInserter(ClinicCmsDbContext db) : IAsyncDisposable
{
    private readonly List<ContentItemVersionRow> _queued = [];
    private TableWriter? _versions;
    private TableWriter? _fields;

    /// <summary>Queues <paramref name="record"/> and its field rows for the next <see cref="FlushAsync"/>.</summary>
    public void Add(ContentItemVersionRow record) => _queued.Add(record);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_queued.Count == 0)
        {
            return;
        }
        if (_versions is null || _fields is null)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            _versions = TableWriter.Create(db, typeof(ContentItemVersionRow));
            _fields = TableWriter.Create(db, typeof(ContentFieldIndexRow));
        }
        var ids = await _versions.ReserveKeysAsync(_queued.Count, cancellationToken);
        var fields = new List<ContentFieldIndexRow>();
        for (var i = 0; i < _queued.Count; i++)
        {
            _queued[i].Id = ids[i];
            foreach (var field in _queued[i].Fields)
            {
                field.VersionRowId = ids[i];
                fields.Add(field);
            }
        }
        var fieldIds = fields.Count == 0 ? [] : await _fields.ReserveKeysAsync(fields.Count, cancellationToken);
        for (var i = 0; i < fields.Count; i++)
        {
            fields[i].Id = fieldIds[i];
        }
        await _versions.WriteAsync(_queued, cancellationToken);
        await _fields.WriteAsync(fields, cancellationToken);
        foreach (var record in _queued)
        {
            db.ContentItems.Attach(record); // keys are set, so the row and its fields are tracked as unchanged
        }
        _queued.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_versions is null || _fields is null)
        {
            return;
        }
        await _versions.DisposeAsync();
        await _fields.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }
}
