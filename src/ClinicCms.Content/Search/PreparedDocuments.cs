using System.Data.Common;
using Microsoft.Extensions.Logging;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Search;

/// <summary>
/// The documents of the versions an import wrote in one transaction, built on the thread pool while the import goes on,
/// so that its commit need not read, parse and stem them again. The import's thread collects each version's texts (the
/// JSON is not safe to read on two threads); the rest is string work, done in batches on other threads, with what the
/// index can work out ahead on another connection (<see cref="ISearchIndex.WorkOutAheadAsync"/>). At the commit a
/// document is used only when its version is still active with the concurrency stamp it was written with (every write
/// of a version's content gives it a new one) and its type has the search shape it was built for; any other active
/// version sends its item down the usual path, read from the database.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The cancellation source has no timer nor linked token; one import's documents go with their transaction, rolled back or not.")]
internal sealed partial class PreparedDocuments(ISearchIndex index, DbConnection writer, ILogger logger)
{
    private const int BatchSize = 100;

    private readonly Dictionary<string, Prepared> _byVersion = new(StringComparer.Ordinal);
    private readonly Dictionary<(ContentDefinitionSet, string?, string), (string Fingerprint, List<SearchTexts.TextSource>? Shape)> _types = [];
    private readonly List<Task> _building = [];
    private List<Prepared> _waiting = [];

    // Cancelled when the index fails to work a batch out ahead (say, no connection to be had from the pool in time):
    // the batches waiting or still to come do not try again, so an import waits for such a failure once.
    private readonly CancellationTokenSource _ahead = new();

    private sealed class Prepared(string stamp, string fingerprint, SearchTexts.CollectedTexts? texts)
    {
        public string Stamp { get; } = stamp;

        public string Fingerprint { get; } = fingerprint;

        /// <summary>Dropped once built, so the source texts are not held until the commit.</summary>
        public SearchTexts.CollectedTexts? Texts { get; set; } = texts;

        /// <summary>Set once built; null with <see cref="Built"/> set when the type is not searched.</summary>
        public SearchDocument? Document { get; set; }

        public bool Built { get; set; }
    }

    /// <summary>Takes a version as written (<paramref name="row"/> holds its columns, <paramref name="item"/> its parts).</summary>
    public void Add(ContentItemVersionRow row, ContentItem item, ContentDefinitionSet definitions, string? defaultCulture)
    {
        var key = (definitions, defaultCulture, row.ContentType);
        if (!_types.TryGetValue(key, out var type))
        {
            type = (definitions.FindType(row.ContentType) is { } found ? SearchSource.Fingerprint(found, definitions, defaultCulture) : "",
                SearchTexts.ShapeOf(row.ContentType, definitions));
            _types[key] = type;
        }
        // The columns as stored (DisplayText and Owner cut to their length), as the database path reads them.
        var columns = ContentItemMapper.ToItem(row, item.Parts);
        var prepared = new Prepared(row.ConcurrencyStamp, type.Fingerprint,
            type.Shape is null ? null : SearchTexts.Collect(columns, row.Culture, row.Published, row.Latest, type.Shape, defaultCulture));
        _byVersion[row.ContentItemVersionId] = prepared;
        _waiting.Add(prepared);
        if (_waiting.Count >= BatchSize)
        {
            Start();
        }
    }

    /// <summary>
    /// The documents of the items' <paramref name="active"/> versions, with their Published and Latest as stored now, and
    /// the items that have an active version not prepared (or prepared for another stamp or search shape).
    /// </summary>
    public async Task<(List<SearchDocument> Documents, HashSet<string> Unprepared)> TakeAsync(
        IReadOnlyList<ActiveVersion> active, ContentDefinitionSet definitions, string? defaultCulture)
    {
        Start();
        await Task.WhenAll(_building);
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var unprepared = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<(ActiveVersion Version, Prepared Prepared)>();
        foreach (var version in active)
        {
            if (!current.TryGetValue(version.ContentType, out var fingerprint))
            {
                fingerprint = definitions.FindType(version.ContentType) is { } type ? SearchSource.Fingerprint(type, definitions, defaultCulture) : "";
                current[version.ContentType] = fingerprint;
            }
            if (_byVersion.TryGetValue(version.ContentItemVersionId, out var prepared) && prepared.Built && prepared.Stamp == version.ConcurrencyStamp
                && prepared.Fingerprint == fingerprint)
            {
                found.Add((version, prepared));
            }
            else
            {
                unprepared.Add(version.ContentItemId);
            }
        }
        var documents = found.Where(f => !unprepared.Contains(f.Version.ContentItemId) && f.Prepared.Document is not null)
            .Select(f => f.Prepared.Document! with { Published = f.Version.Published, Latest = f.Version.Latest })
            .ToList();
        return (documents, unprepared);
    }

    private void Start()
    {
        if (_waiting.Count == 0)
        {
            return;
        }
        var batch = _waiting;
        _waiting = [];
        _building.Add(Task.Run(async () =>
        {
            foreach (var prepared in batch)
            {
                // A document that fails to build is left unbuilt: its item is read and built again at the commit.
                try
                {
                    prepared.Document = prepared.Texts is null ? null : index.Prepare(prepared.Texts.Build());
                    prepared.Texts = null;
                    prepared.Built = true;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    System.Diagnostics.Debug.WriteLine(e);
                }
            }
            // Documents the database could not prepare ahead are written as built: the index does that work at the commit.
            var documents = batch.Where(p => p.Document is not null).ToList();
            try
            {
                var done = await index.WorkOutAheadAsync(writer, [.. documents.Select(p => p.Document!)], _ahead.Token);
                for (var i = 0; i < documents.Count; i++)
                {
                    documents[i].Document = done[i];
                }
            }
            catch (OperationCanceledException) when (_ahead.IsCancellationRequested)
            {
                // Abandoned (the transaction was rolled back) or an earlier batch failed: nothing more to do here.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!_ahead.IsCancellationRequested)
                {
                    _ahead.Cancel();
                    LogAheadFailed(logger, e);
                }
            }
        }));
    }

    /// <summary>The transaction was rolled back: batches waiting or still running stop asking the database.</summary>
    public void Abandon() => _ahead.Cancel();

    [LoggerMessage(LogLevel.Warning,
        "Search vectors could not be worked out ahead of this import's commit; the commit computes them instead")]
    private static partial void LogAheadFailed(ILogger logger, Exception exception);
}
