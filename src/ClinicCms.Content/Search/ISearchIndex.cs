using System.Data.Common;

namespace ClinicCms.Content.Search;

/// <summary>
/// The full-text index of content versions, one implementation per provider: FTS5 on SQLite, a weighted tsvector with a
/// GIN index on PostgreSQL. Writes run in the caller's transaction (the content write's own, see
/// <see cref="SearchIndexer"/>), so the index changes exactly when the content does; reads on the caller's connection.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// The document with the work done that needs no database (stemming its words, on SQLite), so that
    /// <see cref="AddAsync"/> has less to do; safe on any thread. <see cref="AddAsync"/> does it for documents not prepared.
    /// </summary>
    SearchDocument Prepare(SearchDocument document) => document;

    /// <summary>
    /// Work on a batch of prepared documents that needs the database but not the writer's transaction, done on another
    /// connection while an import goes on (PostgreSQL: the documents' tsvectors); <paramref name="writer"/> is the
    /// transaction's connection, to connect alike. The documents as they are by default.
    /// </summary>
    Task<IReadOnlyList<SearchDocument>> WorkOutAheadAsync(DbConnection writer, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken) =>
        Task.FromResult(documents);

    /// <summary>Adds the documents.</summary>
    Task AddAsync(DbTransaction transaction, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken);

    /// <summary>Removes every document of the items.</summary>
    Task RemoveItemsAsync(DbTransaction transaction, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken);

    /// <summary>Removes every document of the types.</summary>
    Task RemoveTypesAsync(DbTransaction transaction, IReadOnlyCollection<string> contentTypes, CancellationToken cancellationToken);

    /// <summary>One page of the documents that match, best first, and how many match in all.</summary>
    Task<SearchPage> SearchAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken);
}
