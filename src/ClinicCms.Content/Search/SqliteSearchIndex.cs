using System.Data.Common;

namespace ClinicCms.Content.Search;

/// <summary>
/// Search on SQLite: an FTS5 table (SearchText: High, Normal, Low) of the documents' terms, stemmed in C# by
/// <see cref="SearchLanguage"/>, beside a table of the documents (SearchDocuments, same rowid). Ranked by bm25 with
/// the columns weighted 1, 0.4 and 0.2; snippets cut in C# (<see cref="SearchSnippets"/>).
/// </summary>
internal sealed class SqliteSearchIndex : ISearchIndex
{
    public async Task AddAsync(DbTransaction transaction, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }
        // Writers are serialized on SQLite, so the next ids are known: both tables take them without a RETURNING round trip.
        long next;
        await using (var max = transaction.Connection!.CreateCommand())
        {
            max.Transaction = transaction;
            max.CommandText = "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"SearchDocuments\"";
            next = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) + 1;
        }
        await MoveRevisionAsync(transaction, cancellationToken);
        // One prepared statement per table, a row at a time: multi-row statements bind many more named parameters,
        // which Microsoft.Data.Sqlite does by a scan of the statement's names each (see bench/README.md).
        await using var rows = Prepared(transaction,
            "INSERT INTO \"SearchDocuments\" (\"Id\", \"ContentItemId\", \"ContentItemVersionId\", \"ContentType\", \"Culture\", \"Language\", \"Published\", \"Latest\", \"Owner\", \"Body\") " +
            "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)", 10);
        await using var text = Prepared(transaction, "INSERT INTO \"SearchText\" (rowid, \"High\", \"Normal\", \"Low\") VALUES (@p0, @p1, @p2, @p3)", 4);
        foreach (var chunk in documents.Chunk(SqlCommands.Batch))
        {
            var terms = OrderedMap.Of(chunk, d => d.Terms ?? TermsOf(d));
            for (var i = 0; i < chunk.Length; i++, next++)
            {
                var d = chunk[i];
                await ExecuteAsync(rows, cancellationToken, next, d.ContentItemId, d.ContentItemVersionId, d.ContentType, d.Culture, d.Language.Name, d.Published, d.Latest, d.Owner, d.Body);
                await ExecuteAsync(text, cancellationToken, next, terms[i].High, terms[i].Normal, terms[i].Low);
            }
        }
    }

    private static DbCommand Prepared(DbTransaction transaction, string sql, int parameterCount)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    public SearchDocument Prepare(SearchDocument document) => document with { Terms = TermsOf(document) };

    private static SearchTerms TermsOf(SearchDocument d) => new(Terms(d.Language, d.High), Terms(d.Language, d.Normal), Terms(d.Language, d.Low));

    public Task RemoveItemsAsync(DbTransaction transaction, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken) =>
        RemoveAsync(transaction, "ContentItemId", contentItemIds, cancellationToken);

    public Task RemoveTypesAsync(DbTransaction transaction, IReadOnlyCollection<string> contentTypes, CancellationToken cancellationToken) =>
        RemoveAsync(transaction, "ContentType", contentTypes, cancellationToken);

    // The search revision (see SearchSnapshotIndex): moved on by every write of the index, in the write's transaction,
    // so a copy of the index held in memory by any process knows it is behind once the write commits.
    private const string MoveRevision = "UPDATE \"SearchRevision\" SET \"Revision\" = \"Revision\" + 1;";

    private static async Task MoveRevisionAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = MoveRevision;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RemoveAsync(DbTransaction transaction, string column, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        foreach (var chunk in SqlCommands.Chunks(values))
        {
            var sql = SqlCommands.On(transaction.Connection!, transaction);
            var list = sql.List(chunk);
            sql.Sql.Append($"DELETE FROM \"SearchText\" WHERE rowid IN (SELECT \"Id\" FROM \"SearchDocuments\" WHERE \"{column}\" IN {list}); ")
                .Append($"DELETE FROM \"SearchDocuments\" WHERE \"{column}\" IN {list}; ")
                .Append(MoveRevision);
            await using var command = sql.Done();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<SearchPage> SearchAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        var sql = SqlCommands.On(connection, null);
        var branches = new List<string>();
        var termsByLanguage = SearchSnippets.TermsByLanguage(request);
        var weights = string.Join(", ", Bm25.ColumnWeights.Select(w => w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var language in request.Languages)
        {
            if (request.Expression.TermsIn(language) is not { } clauses)
            {
                continue;
            }
            branches.Add($"SELECT d.\"Id\", d.\"ContentItemId\", -bm25(\"SearchText\", {weights}) AS \"Score\" FROM \"SearchText\" " +
                $"JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchText\".rowid WHERE \"SearchText\" MATCH {sql.Add(SearchExpression.ToFts5(clauses))} " +
                $"AND {SearchFilters.Where(sql, request, language)}");
        }
        if (branches.Count == 0 || request.Scopes.Count == 0)
        {
            return new SearchPage(0, []);
        }
        sql.Sql.Append("WITH hits AS (").AppendJoin(" UNION ALL ", branches).Append("), ")
            .Append("page AS (SELECT \"Id\", \"ContentItemId\", \"Score\", count(*) OVER () AS \"Total\" FROM hits ")
            .Append($"ORDER BY \"Score\" DESC, \"ContentItemId\" LIMIT {sql.Add(request.First)} OFFSET {sql.Add(request.Skip)}) ")
            .Append("SELECT p.\"Total\", p.\"Score\", d.\"ContentItemId\", d.\"ContentItemVersionId\", d.\"Language\", d.\"Body\" FROM page p ")
            .Append("JOIN \"SearchDocuments\" d ON d.\"Id\" = p.\"Id\" ORDER BY p.\"Score\" DESC, p.\"ContentItemId\"");
        await using var command = sql.Done();
        var hits = new List<SearchHit>();
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                total = reader.GetInt32(0);
                var language = SearchLanguage.Named(reader.GetString(4)) ?? SearchLanguage.Simple;
                hits.Add(new SearchHit(reader.GetString(2), reader.GetString(3), reader.GetDouble(1),
                    SearchSnippets.Cut(reader.GetString(5), language, termsByLanguage.GetValueOrDefault(language.Name) ?? new HashSet<string>())));
            }
        }
        return hits.Count == 0 && request.Skip > 0 ? new SearchPage(await CountAsync(connection, request, cancellationToken), []) : new SearchPage(total, hits);
    }

    // A page past the end has no rows to carry the total.
    private async Task<int> CountAsync(DbConnection connection, SearchRequest request, CancellationToken cancellationToken) =>
        (await SearchAsync(connection, request with { Skip = 0, First = 1 }, cancellationToken)).Total;

    private static string Terms(SearchLanguage language, string text) => language.TermText(text);
}
