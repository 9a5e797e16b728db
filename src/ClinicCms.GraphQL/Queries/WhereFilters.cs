using System.Collections;
using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// A where argument as the store's filter tree. Keys at one level hold together; a part's nested input joins its
/// level. AND: every child holds; OR: any key of any child holds (the keys of one child included, as in Orchard);
/// NOT: no child holds. A list may be given as a single object.
/// </summary>
internal static class WhereFilters
{
    public static ContentFilter? From(IDictionary<string, object?>? where, FilterModel model) =>
        where is { Count: > 0 } ? Combine(where, model, or: false) : null;

    private static ContentFilter Combine(IDictionary<string, object?> where, FilterModel model, bool or)
    {
        var parts = new List<ContentFilter>(where.Count);
        foreach (var (key, value) in where)
        {
            if (!model.Keys.TryGetValue(key, out var entry))
            {
                throw new ExecutionError($"Unknown filter '{key}'.");
            }
            parts.Add(entry.Target switch
            {
                LogicTarget logic => Logic(logic.Operator, value, model),
                PartTarget part => value is IDictionary<string, object?> nested ? Combine(nested, part.Nested, or) : ContentFilter.Everything,
                ColumnTarget or FieldTarget => new Comparison(entry.Target, ScalarOperators.ToOperator(entry.Operator), value),
                _ => throw new InvalidOperationException($"Unexpected filter target {entry.Target}."),
            });
        }
        if (parts.Count == 0)
        {
            return ContentFilter.Everything;
        }
        return or ? new AnyOf(parts) : new AllOf(parts);
    }

    private static ContentFilter Logic(string op, object? value, FilterModel model)
    {
        var children = (value is IEnumerable list and not IDictionary<string, object?> ? list.Cast<object?>() : [value])
            .OfType<IDictionary<string, object?>>().ToList();
        if (children.Count == 0)
        {
            return ContentFilter.Everything;
        }
        return op switch
        {
            "OR" => new AnyOf([.. children.Select(c => Combine(c, model, or: true))]),
            "NOT" => new AllOf([.. children.Select(c => (ContentFilter)new Not(Combine(c, model, or: false)))]),
            _ => new AllOf([.. children.Select(c => Combine(c, model, or: false))]),
        };
    }
}
