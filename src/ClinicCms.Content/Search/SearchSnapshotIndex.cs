using System.Data.Common;
using System.Diagnostics;
using ClinicCms.Content.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicCms.Content.Search;

/// <summary>
/// SQLite's search index with a <see cref="SearchSnapshot"/> in front: a search is answered from memory while the
/// database's search revision (moved on by every write of the index, by any process) equals the
/// snapshot's, else by SQL while one new snapshot is read in the background. Phrases are always answered by SQL.
/// Writes go straight to SQL. Off when <see cref="SearchOptions.MemoryIndexMaxMegabytes"/> is 0 or the index would
/// take more.
/// </summary>
internal sealed partial class SearchSnapshotIndex(SqliteSearchIndex sql, SqliteReadConnections connections, IOptions<SearchOptions> options,
    ILogger<SearchSnapshotIndex> logger) : ISearchIndex
{
    private readonly Lock _gate = new();
    private volatile SearchSnapshot? _current;
    private Task _reading = Task.CompletedTask;
    private long _tooLargeAt = -1;
    private long _notBefore;
    private long _answered;

    /// <summary>How many searches the snapshot has answered (for tests, which must know which path answered).</summary>
    public long Answered => Interlocked.Read(ref _answered);

    public SearchDocument Prepare(SearchDocument document) => sql.Prepare(document);

    public Task AddAsync(DbTransaction transaction, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken) =>
        sql.AddAsync(transaction, documents, cancellationToken);

    public Task RemoveItemsAsync(DbTransaction transaction, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken) =>
        sql.RemoveItemsAsync(transaction, contentItemIds, cancellationToken);

    public Task RemoveTypesAsync(DbTransaction transaction, IReadOnlyCollection<string> contentTypes, CancellationToken cancellationToken) =>
        sql.RemoveTypesAsync(transaction, contentTypes, cancellationToken);

    public async Task<SearchPage> SearchAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        if (options.Value.MemoryIndexMaxMegabytes > 0
            && For(await SearchSnapshotReader.RevisionAsync(connection, null, cancellationToken)) is { } snapshot
            && snapshot.Search(request) is { } found)
        {
            Interlocked.Increment(ref _answered);
            return new SearchPage(found.Total, await HitsAsync(connection, request, found.Page, cancellationToken));
        }
        return await sql.SearchAsync(connection, request, cancellationToken);
    }

    /// <summary>Reads a snapshot of the revision as of now and waits for it (for tests).</summary>
    public async Task RefreshAsync()
    {
        Task reading;
        lock (_gate)
        {
            reading = _reading;
        }
        await reading;
        await ReadAsync();
    }

    // The page's hits with their snippets, cut from the documents' text as SQL's answer cuts them. A document deleted
    // since the revision was read is left out, and so is one whose row id a new document took meanwhile.
    private static async Task<List<SearchHit>> HitsAsync(DbConnection connection, SearchRequest request, List<(SnapshotDocument Document, double Score)> page,
        CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return [];
        }
        var bodies = new Dictionary<long, (string Version, string Body)>();
        var sql = SqlCommands.On(connection, null);
        sql.Sql.Append("SELECT \"Id\", \"ContentItemVersionId\", \"Body\" FROM \"SearchDocuments\" WHERE \"Id\" IN (")
            .AppendJoin(", ", page.Select(h => sql.Add(h.Document.Id))).Append(')');
        await using (var command = sql.Done())
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                bodies[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }
        var terms = SearchSnippets.TermsByLanguage(request);
        return [.. page.Where(h => bodies.TryGetValue(h.Document.Id, out var b) && b.Version == h.Document.ContentItemVersionId).Select(h =>
        {
            var language = SearchLanguage.Named(h.Document.Language) ?? SearchLanguage.Simple;
            return new SearchHit(h.Document.ContentItemId, h.Document.ContentItemVersionId, h.Score,
                SearchSnippets.Cut(bodies[h.Document.Id].Body, language, terms.GetValueOrDefault(language.Name) ?? new HashSet<string>()));
        })];
    }

    private SearchSnapshot? For(long revision)
    {
        var current = _current;
        if (current?.Revision == revision)
        {
            return current;
        }
        if (Interlocked.Read(ref _tooLargeAt) != revision)
        {
            StartReading();
        }
        return null;
    }

    private void StartReading()
    {
        lock (_gate)
        {
            // One read at a time, and never more than half the time: under a stream of writes every snapshot is stale
            // at once, and SQL serves until the writes pause.
            if (!_reading.IsCompleted || Stopwatch.GetTimestamp() < Interlocked.Read(ref _notBefore))
            {
                return;
            }
            _reading = Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await ReadAsync();
                }
                catch (Exception exception)
                {
                    LogReadFailed(exception);
                }
                var ended = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref _notBefore, ended + (ended - started));
            });
        }
    }

    private async Task ReadAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var connection = connections.Rent();
        try
        {
            var (revision, snapshot) = await SearchSnapshotReader.ReadAsync(connection, options.Value.MemoryIndexMaxMegabytes * 1024L * 1024L, CancellationToken.None);
            _current = snapshot;
            if (snapshot is null)
            {
                Interlocked.Exchange(ref _tooLargeAt, revision);
                LogTooLarge(revision, options.Value.MemoryIndexMaxMegabytes);
                return;
            }
            LogRead(revision, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            connections.Return(connection);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Search index read into memory at search revision {Revision} in {Milliseconds} ms")]
    private partial void LogRead(long revision, long milliseconds);

    [LoggerMessage(LogLevel.Information, "The search index at revision {Revision} takes more than {Megabytes} MB in memory (ClinicCms:Search:MemoryIndexMaxMegabytes); SQL ranks every search")]
    private partial void LogTooLarge(long revision, int megabytes);

    [LoggerMessage(LogLevel.Warning, "Reading the search index into memory failed; SQL answers searches until it succeeds")]
    private partial void LogReadFailed(Exception exception);
}
