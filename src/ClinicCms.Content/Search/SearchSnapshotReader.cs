using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ClinicCms.Content.Search;

/// <summary>Reads a <see cref="SearchSnapshot"/> of the SQLite index: every row of SearchText, tokenized as FTS5 does, with its document.</summary>
internal static class SearchSnapshotReader
{
    // What a kept posting costs (a row number, a factor, and its place in the factor order once queried), roughly a
    // document with its filter flags, and a distinct token beside its characters (counted as they come).
    private const long PostingBytes = 16;
    private const long DocumentBytes = 320;
    private const long TokenBytes = 96;

    public static async Task<long> RevisionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT "Revision" FROM "SearchRevision" WHERE "Id" = 1""";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The revision and the snapshot of it, read in one transaction; the snapshot is null when it would take more than <paramref name="maxBytes"/>.</summary>
    public static async Task<(long Revision, SearchSnapshot? Snapshot)> ReadAsync(SqliteConnection connection, long maxBytes, CancellationToken cancellationToken)
    {
        // Deferred: one consistent view of the revision and the rows that blocks no writer.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var revision = await RevisionAsync(connection, transaction, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Rows of SearchText without a document (none are written) would still count in FTS5's statistics: kept, never matched.
        command.CommandText = """
            SELECT t.rowid, t."High", t."Normal", t."Low", d."ContentItemId", d."ContentItemVersionId", d."ContentType", d."Culture",
                   d."Language", d."Published", d."Latest", d."Owner"
            FROM "SearchText" t LEFT JOIN "SearchDocuments" d ON d."Id" = t.rowid ORDER BY t.rowid
            """;
        var builder = new Builder();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = builder.Documents.Count;
                var length = 0;
                for (var column = 0; column < Bm25.ColumnWeights.Length; column++)
                {
                    if (!reader.IsDBNull(1 + column))
                    {
                        length += builder.Add(reader.GetString(1 + column), row, Bm25.ColumnWeights[column]);
                    }
                }
                builder.Documents.Add(reader.IsDBNull(4) ? null : new SnapshotDocument(reader.GetInt64(0), reader.GetString(4), reader.GetString(5),
                    string.Intern(reader.GetString(6)), reader.IsDBNull(7) ? null : string.Intern(reader.GetString(7)), string.Intern(reader.GetString(8)),
                    reader.GetBoolean(9), reader.GetBoolean(10), reader.IsDBNull(11) ? null : reader.GetString(11)));
                builder.Lengths.Add(length);
                if (builder.Bytes > maxBytes)
                {
                    return (revision, null);
                }
            }
        }
        return (revision, builder.Snapshot(revision));
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, (List<int> Rows, List<double> Frequencies)> _terms = new(StringComparer.Ordinal);
        private long _postings;

        public List<SnapshotDocument?> Documents { get; } = [];

        public List<int> Lengths { get; } = [];

        private long _tokenCharacters;

        public long Bytes => _postings * PostingBytes + Documents.Count * DocumentBytes + _terms.Count * TokenBytes + _tokenCharacters * 2;

        /// <summary>Adds a column's tokens to the row; returns how many there were.</summary>
        public int Add(string text, int row, double weight)
        {
            var count = 0;
            var terms = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
            Fts5Tokens.Each(text, this, (_, token) =>
            {
                count++;
                if (!terms.TryGetValue(token.Span, out var postings))
                {
                    postings = ([], []);
                    terms[token.Span] = postings;
                    _tokenCharacters += token.Length;
                }
                if (postings.Rows.Count == 0 || postings.Rows[^1] != row)
                {
                    postings.Rows.Add(row);
                    postings.Frequencies.Add(0.0);
                    _postings++;
                }
                // One weight added per occurrence, in column order, as FTS5's bm25 adds them.
                postings.Frequencies[^1] += weight;
            });
            return count;
        }

        public SearchSnapshot Snapshot(long revision)
        {
            // As FTS5: the average over every row of the table, from the total of its tokens.
            var averageLength = (double)Lengths.Sum(l => (long)l) / (double)Lengths.Count;
            return new(revision, [.. Documents], _terms.ToDictionary(t => t.Key, t => new SearchSnapshot.Postings([.. t.Value.Rows],
                [.. t.Value.Rows.Select((row, i) => Bm25.Factor(t.Value.Frequencies[i], Lengths[row], averageLength))]), StringComparer.Ordinal));
        }
    }
}
