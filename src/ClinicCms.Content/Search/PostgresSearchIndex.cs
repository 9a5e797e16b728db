using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

    public async Task AddAsync(DbTransaction transaction, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
    {
        foreach (var chunk in SqlCommands.Chunks(documents, SqlCommands.Batch))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            sql.Sql.Append("INSERT INTO \"SearchDocuments\" (\"ContentItemId\", \"ContentItemVersionId\", \"ContentType\", \"Culture\", \"Language\", \"Published\", \"Latest\", \"Owner\", \"Body\", \"Vector\") VALUES ");
            for (var i = 0; i < chunk.Count; i++)
            {
                var d = chunk[i];
                var language = sql.Add(d.Language.Name);
                var config = $"{language}::regconfig";
                sql.Sql.Append(i == 0 ? "(" : ", (").AppendJoin(", ", new[]
                {
                    sql.Add(d.ContentItemId), sql.Add(d.ContentItemVersionId), sql.Add(d.ContentType), sql.Add(d.Culture), language,
                    sql.Add(d.Published), sql.Add(d.Latest), sql.Add(d.Owner), sql.Add(d.Body),
                    $"setweight(to_tsvector({config}, {sql.Add(d.High)}), 'A') || setweight(to_tsvector({config}, {sql.Add(d.Normal)}), 'B') || setweight(to_tsvector({config}, {sql.Add(d.Low)}), 'C')",
                }).Append(')');
            }
            await using var command = sql.Done();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

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
