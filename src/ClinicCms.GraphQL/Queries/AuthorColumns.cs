using System.Collections;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// Owner and Author hold user names, which help credential stuffing: callers who may not see them (anonymous, unless
/// the site setting GraphQLSettings.ExposeAuthorsToAnonymous) may not filter or sort on them either, or the answers would spell them out.
/// </summary>
internal static class AuthorColumns
{
    private static readonly HashSet<string> Columns = new(StringComparer.Ordinal) { "Owner", "Author" };

    public static bool In(FilterModel model, IDictionary<string, object?>? where)
    {
        foreach (var (key, value) in where ?? new Dictionary<string, object?>())
        {
            if (!model.Keys.TryGetValue(key, out var entry))
            {
                continue;
            }
            var hidden = entry.Target switch
            {
                ColumnTarget column => Columns.Contains(column.Column),
                LogicTarget => (value is IEnumerable list and not IDictionary<string, object?> ? list.Cast<object?>() : [value])
                    .OfType<IDictionary<string, object?>>().Any(child => In(model, child)),
                PartTarget part => value is IDictionary<string, object?> nested && In(part.Nested, nested),
                _ => false,
            };
            if (hidden)
            {
                return true;
            }
        }
        return false;
    }

    public static bool In(TypeQueryModel model, IEnumerable<KeyValuePair<string, object?>>? orderBy) =>
        orderBy?.Any(key => model.Order.TryGetValue(key.Key, out var target) && target is ColumnTarget column && Columns.Contains(column.Column)) == true;
}
