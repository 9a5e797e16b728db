using ClinicCms.Content.Reading;

namespace ClinicCms.Content.Search;

/// <summary>
/// The request's conditions on a document: as SQL on the documents table (alias d), the same on both providers, and as
/// a test of a document held in memory (<see cref="SearchSnapshot"/>), which must agree with it.
/// </summary>
internal static class SearchFilters
{
    public static string Where(SqlCommands sql, SearchRequest request, SearchLanguage language)
    {
        var conditions = new List<string> { $"d.\"Language\" = {sql.Add(language.Name)}" };
        var all = request.Scopes.Where(s => s.Owner is null).Select(s => s.ContentType).ToList();
        var scoped = all.Count == 0 ? new List<string>() : [$"d.\"ContentType\" IN {sql.List(all)}"];
        scoped.AddRange(request.Scopes.Where(s => s.Owner is not null)
            .Select(s => $"(d.\"ContentType\" = {sql.Add(s.ContentType)} AND d.\"Owner\" = {sql.Add(s.Owner)})"));
        conditions.Add("(" + string.Join(" OR ", scoped) + ")");
        conditions.Add(request.Status switch
        {
            PublicationStatus.Published => "d.\"Published\"",
            PublicationStatus.Latest => "d.\"Latest\"",
            PublicationStatus.Draft => "d.\"Latest\" AND NOT d.\"Published\"",
            _ => throw new SearchQueryException("Search covers published versions, the latest versions and drafts; ALL (every old version) is not searched."),
        });
        if (request.Culture is not null)
        {
            conditions.Add($"d.\"Culture\" = {sql.Add(request.Culture)}");
        }
        if (request.OnlyItem is not null)
        {
            conditions.Add($"d.\"ContentItemId\" = {sql.Add(request.OnlyItem)}");
        }
        return string.Join(" AND ", conditions);
    }

    public static bool Matches(SearchRequest request, SearchLanguage language, SnapshotDocument d) =>
        d.Language == language.Name
        && Scoped(request.Scopes, d)
        && request.Status switch
        {
            PublicationStatus.Published => d.Published,
            PublicationStatus.Latest => d.Latest,
            PublicationStatus.Draft => d.Latest && !d.Published,
            _ => false,
        }
        && (request.Culture is null || request.Culture == d.Culture)
        && (request.OnlyItem is null || request.OnlyItem == d.ContentItemId);

    private static bool Scoped(IReadOnlyList<SearchScope> scopes, SnapshotDocument d)
    {
        foreach (var scope in scopes)
        {
            if (scope.ContentType == d.ContentType && (scope.Owner is null || scope.Owner == d.Owner))
            {
                return true;
            }
        }
        return false;
    }
}
