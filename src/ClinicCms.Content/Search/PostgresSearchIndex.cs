using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ClinicCms.Content.Search;

/// <summary>
/// Search on PostgreSQL: each document's text weighted into one tsvector (High A, Normal B, Low C) with its language's
/// configuration, under a GIN index; queried with websearch_to_tsquery, ranked with ts_rank and cut with ts_headline.
/// Every instance sharing the database searches the same index. A search is stopped by the server after
/// <see cref="SearchOptions.TimeoutSeconds"/> (<see cref="PostgresSearchTimeout"/>); ts_headline runs on the page's rows only.
/// </summary>
internal sealed partial class PostgresSearchIndex(IOptions<SearchOptions> options, ILogger<PostgresSearchIndex> logger) : ISearchIndex
{
    private static readonly string HeadlineOptions =
        $"StartSel={SearchSnippets.StartMark}, StopSel={SearchSnippets.StopMark}, MaxWords={SearchSnippets.MaxWords}, MinWords=15, HighlightAll=false";

    // The weighted vector of a document, the same expression whether computed ahead or in the INSERT.
    private static string VectorOf(string config, string high, string normal, string low) =>
        $"setweight(to_tsvector({config}, {high}), 'A') || setweight(to_tsvector({config}, {normal}), 'B') || setweight(to_tsvector({config}, {low}), 'C')";

    // Vectors computed ahead on other connections at once, for the whole process: one per processor, and never more
    // than four, so an import on a many-core host takes few of the pool's connections from requests.
    private static readonly SemaphoreSlim Computing = new(Math.Clamp(Environment.ProcessorCount, 1, 4));

    private long _workedOutAhead;

    /// <summary>How many documents got their vector ahead (for tests: a fallback gives the same vectors, later).</summary>
    public long WorkedOutAhead => Interlocked.Read(ref _workedOutAhead);

    /// <summary>
    /// Works out the documents' vectors with one query on another connection (to_tsvector is most of the server's work
    /// for a document and needs nothing of the writer's transaction), so that an import's commit only stores them.
    /// </summary>
    public async Task<IReadOnlyList<SearchDocument>> WorkOutAheadAsync(DbConnection writer, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0 || writer is not NpgsqlConnection npgsql)
        {
            return documents;
        }
        await Computing.WaitAsync(cancellationToken);
        try
        {
            await using var connection = (NpgsqlConnection)((ICloneable)npgsql).Clone();
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"SELECT {VectorOf("d.c::regconfig", "d.h", "d.n", "d.l")} FROM unnest($1, $2, $3, $4) WITH ORDINALITY AS d(c, h, n, l, i) ORDER BY d.i",
                connection);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. documents.Select(d => d.Language.Name)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. documents.Select(d => d.High)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. documents.Select(d => d.Normal)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. documents.Select(d => d.Low)] });
            var done = new List<SearchDocument>(documents.Count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Kept in the server's binary form, to be sent back as it came: no lexeme is decoded on this side.
                await using var stream = await reader.GetStreamAsync(0, cancellationToken);
                var vector = new byte[stream.Length];
                await stream.ReadExactlyAsync(vector, cancellationToken);
                done.Add(documents[done.Count] with { Vector = vector });
            }
            if (done.Count != documents.Count)
            {
                return documents;
            }
            Interlocked.Add(ref _workedOutAhead, done.Count);
            return done;
        }
        finally
        {
            Computing.Release();
        }
    }

    public async Task AddAsync(DbTransaction transaction, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
    {
        await CopyAsync(transaction, [.. documents.Where(d => d.Vector is not null)], cancellationToken);
        foreach (var chunk in SqlCommands.Chunks(documents.Where(d => d.Vector is null), SqlCommands.Batch))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append("INSERT INTO \"SearchDocuments\" (\"ContentItemId\", \"ContentItemVersionId\", \"ContentType\", \"Culture\", \"Language\", \"Published\", \"Latest\", \"Owner\", \"Body\", \"Vector\") VALUES ");
            for (var i = 0; i < chunk.Count; i++)
            {
                var d = chunk[i];
                var language = sql.Add(d.Language.Name);
                sql.Sql.Append(i == 0 ? "(" : ", (").AppendJoin(", ", new[]
                {
                    sql.Add(d.ContentItemId), sql.Add(d.ContentItemVersionId), sql.Add(d.ContentType), sql.Add(d.Culture), language,
                    sql.Add(d.Published), sql.Add(d.Latest), sql.Add(d.Owner), sql.Add(d.Body),
                    VectorOf($"{language}::regconfig", sql.Add(d.High), sql.Add(d.Normal), sql.Add(d.Low)),
                }).Append(')');
            }
            await using var command = sql.Done();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // Documents whose vectors were worked out ahead go in with one binary COPY.
    private static async Task CopyAsync(DbTransaction transaction, List<SearchDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }
        var connection = (NpgsqlConnection)transaction.Connection!;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY \"SearchDocuments\" (\"ContentItemId\", \"ContentItemVersionId\", \"ContentType\", \"Culture\", \"Language\", \"Published\", \"Latest\", \"Owner\", \"Body\", \"Vector\") FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var d in documents)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(d.ContentItemId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(d.ContentItemVersionId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(d.ContentType, NpgsqlDbType.Text, cancellationToken);
            await WriteTextAsync(copy, d.Culture, cancellationToken);
            await copy.WriteAsync(d.Language.Name, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(d.Published, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(d.Latest, NpgsqlDbType.Boolean, cancellationToken);
            await WriteTextAsync(copy, d.Owner, cancellationToken);
            await copy.WriteAsync(d.Body, NpgsqlDbType.Text, cancellationToken);
            // Binary COPY reads each field with its column's type: the vector's bytes as the server sent them.
            await copy.WriteAsync(d.Vector!, NpgsqlDbType.Bytea, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    public Task RemoveItemsAsync(DbTransaction transaction, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken) =>
        RemoveAsync(transaction, "ContentItemId", contentItemIds, cancellationToken);

    public Task RemoveTypesAsync(DbTransaction transaction, IReadOnlyCollection<string> contentTypes, CancellationToken cancellationToken) =>
        RemoveAsync(transaction, "ContentType", contentTypes, cancellationToken);

    private static async Task RemoveAsync(DbTransaction transaction, string column, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        foreach (var chunk in SqlCommands.Chunks(values))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append($"DELETE FROM \"SearchDocuments\" WHERE \"{column}\" IN {sql.List(chunk)}");
            await using var command = sql.Done();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<SearchPage> SearchAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        var seconds = options.Value.TimeoutSeconds;
        try
        {
            return await PostgresSearchTimeout.RunAsync(connection, seconds, () => PageAsync(connection, request, cancellationToken), cancellationToken);
        }
        catch (SearchTimeoutException)
        {
            LogTimeout(seconds, request.Expression.Clauses.Sum(c => c.Words.Count), request.Languages.Count);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Warning, "A search was stopped after {Seconds} s ({Words} words in {Languages} languages); see ClinicCms:Search:TimeoutSeconds")]
    private partial void LogTimeout(double seconds, int words, int languages);

    private static async Task<SearchPage> PageAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        if (request.Scopes.Count == 0)
        {
            return new SearchPage(0, []);
        }
        var sql = SqlCommands.On(connection, null);
        var query = sql.Add(request.Expression.ToWebSearch());
        var branches = request.Languages.Select(language =>
            $"SELECT d.\"Id\", d.\"ContentItemId\", q.query, ts_rank(d.\"Vector\", q.query) AS \"Score\" " +
            $"FROM \"SearchDocuments\" d, (SELECT websearch_to_tsquery({sql.Add(language.Name)}::regconfig, {query}) AS query) q " +
            $"WHERE d.\"Vector\" @@ q.query AND {SearchFilters.Where(sql, request, language)}").ToList();
        sql.Sql.Append("WITH hits AS (").AppendJoin(" UNION ALL ", branches).Append("), ")
            .Append("page AS (SELECT \"Id\", \"ContentItemId\", query, \"Score\", count(*) OVER () AS \"Total\" FROM hits ")
            .Append($"ORDER BY \"Score\" DESC, \"ContentItemId\" LIMIT {sql.Add(request.First)} OFFSET {sql.Add(request.Skip)}) ")
            .Append("SELECT p.\"Total\", p.\"Score\", d.\"ContentItemId\", d.\"ContentItemVersionId\", ")
            .Append($"ts_headline(d.\"Language\"::regconfig, d.\"Body\", p.query, {sql.Add(HeadlineOptions)}) FROM page p ")
            .Append("JOIN \"SearchDocuments\" d ON d.\"Id\" = p.\"Id\" ORDER BY p.\"Score\" DESC, p.\"ContentItemId\"");
        await using var command = sql.Done();
        var hits = new List<SearchHit>();
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                total = Convert.ToInt32(reader.GetInt64(0));
                hits.Add(new SearchHit(reader.GetString(2), reader.GetString(3), reader.GetFloat(1), SearchSnippets.ToHtml(reader.GetString(4))));
            }
        }
        if (hits.Count == 0 && request.Skip > 0)
        {
            return new SearchPage((await PageAsync(connection, request with { Skip = 0, First = 1 }, cancellationToken)).Total, []);
        }
        return new SearchPage(total, hits);
    }
}
