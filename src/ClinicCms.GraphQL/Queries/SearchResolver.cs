using ClinicCms.Content.Reading;
using ClinicCms.Content.Search;
using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>A search answer as GraphQL resolves it.</summary>
public sealed record SearchAnswer(int Total, IReadOnlyList<SearchAnswerItem> Items);

public sealed record SearchAnswerItem(double Score, string Snippet, ContentNode ContentItem);

/// <summary>
/// The root <c>search</c> field: the same read rules as list fields, per type searched. Published versions need the
/// right to view the type (own items only with ViewOwn); drafts and latest versions also need preview rights for it.
/// Types the caller may not read are left out of a search over every type, and refused when named in contentTypes.
/// </summary>
internal static class SearchResolver
{
    public const string QueryError = "SEARCH_QUERY_ERROR";
    public const string Timeout = "SEARCH_TIMEOUT";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const int MaxSkip = 1000;

    public static async Task<object?> SearchAsync(IResolveFieldContext context, IReadOnlyCollection<string> searchable)
    {
        var reads = ContentReadContext.Of(context);
        if (reads.Search is null)
        {
            throw new ExecutionError("Search is not available on this host.") { Code = QueryError };
        }
        SearchExpression expression;
        try
        {
            expression = SearchExpression.Parse(context.GetArgument<string>("query"));
        }
        catch (SearchQueryException e)
        {
            throw new ExecutionError(e.Message) { Code = QueryError };
        }
        var status = context.GetArgument("status", PublicationStatus.Published);
        if (status == PublicationStatus.All)
        {
            throw new ExecutionError("Search covers PUBLISHED, LATEST and DRAFT versions; ALL (every old version) is not searched.") { Code = QueryError };
        }
        var named = context.GetArgument<List<string>?>("contentTypes");
        if (named?.Find(t => !searchable.Contains(t)) is { } unknown)
        {
            throw new ExecutionError($"contentTypes names '{Shorten(unknown)}', which is not a searchable content type.") { Code = QueryError };
        }
        if (named is { Count: 0 })
        {
            return new SearchAnswer(0, []); // no types named: nothing to search, whoever asks
        }
        var scopes = await ScopesAsync(reads, named?.Distinct().ToList() ?? [.. searchable], named is not null, status);
        if (scopes.Count == 0)
        {
            throw new ExecutionError(status == PublicationStatus.Published
                ? "Authorization is required to search: the caller may view no content type."
                : $"Authorization is required to search {status.ToString().ToUpperInvariant()} versions: the caller may preview no content type.")
            { Code = ContentListResolver.Unauthorized };
        }
        var options = reads.Options;
        var requested = context.GetArgument<int?>("first");
        var first = requested > 0 ? requested.Value : options.DefaultNumberOfResults;
        if (first > options.MaxNumberOfResults)
        {
            throw new ExecutionError($"first is {first}; the most a query may ask for is {options.MaxNumberOfResults}.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
        var skip = Math.Max(0, context.GetArgument<int?>("skip") ?? 0);
        if (skip > MaxSkip)
        {
            // A page that deep ranks every match; nobody reads search results that far.
            throw new ExecutionError($"skip is {skip}; search pages go at most {MaxSkip} results deep: use more specific words.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
        var culture = await CultureArguments.ReadAsync(context, "culture"); // the list fields' check: a malformed name is an error naming it
        var request = new SearchRequest(expression, scopes)
        {
            Culture = string.IsNullOrWhiteSpace(culture) ? null : culture,
            Status = status,
            OnlyItem = status == PublicationStatus.Published ? null : reads.Access.PreviewItem(reads.User),
            Skip = skip,
            First = first,
        };
        if (reads.SearchRefusal?.Invoke() is { } refused)
        {
            throw new ExecutionError(refused) { Code = TooManyRequests };
        }
        int total;
        IReadOnlyList<SearchResult> results;
        try
        {
            (total, results) = await reads.Search.SearchAsync(request, context.CancellationToken);
        }
        catch (SearchQueryException e)
        {
            throw new ExecutionError(e.Message) { Code = QueryError };
        }
        catch (SearchTimeoutException e)
        {
            throw new ExecutionError(e.Message) { Code = Timeout };
        }
        foreach (var scope in scopes)
        {
            reads.Tags.Type(scope.ContentType);
        }
        var nodes = NodeBatch.Of(results.Select(r => r.Item));
        reads.Tags.Items(results.Select(r => r.Item));
        return new SearchAnswer(total, [.. results.Select((r, i) => new SearchAnswerItem(r.Hit.Score, r.Hit.Snippet, nodes[i]))]);
    }

    private static async Task<List<SearchScope>> ScopesAsync(ContentReadContext reads, List<string> types, bool named, PublicationStatus status)
    {
        var scopes = new List<SearchScope>();
        foreach (var type in types)
        {
            var rule = await TypeRead.ForAsync(reads, type, status);
            if (!rule.Allowed)
            {
                if (named)
                {
                    throw new ExecutionError(rule.Refusal == ReadRefusal.View
                        ? $"Authorization is required to search {type}."
                        : $"Authorization is required to search {status.ToString().ToUpperInvariant()} versions of {type}.")
                    { Code = ContentListResolver.Unauthorized };
                }
                continue;
            }
            scopes.Add(new SearchScope(type, rule.Owner));
        }
        return scopes;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
