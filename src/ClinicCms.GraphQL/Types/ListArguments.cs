using GraphQL;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>Orchard's first / last / skip arguments on list sub-fields.</summary>
public static class ListArguments
{
    public const int DefaultFirst = 100;

    public static QueryArguments FirstLastSkip() =>
    [
        new QueryArgument<IntGraphType> { Name = "first" },
        new QueryArgument<IntGraphType> { Name = "last" },
        new QueryArgument<IntGraphType> { Name = "skip" },
    ];

    /// <summary>The items the arguments select; <paramref name="items"/> itself when they select all of it.</summary>
    public static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items, IResolveFieldContext context)
    {
        if (items.Count <= DefaultFirst && !Given(context, "skip") && !Given(context, "first") && !Given(context, "last"))
        {
            return items; // no arguments (the usual picker): nothing to skip or cut
        }
        var skip = Math.Max(0, context.GetArgument<int?>("skip") ?? 0);
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        IEnumerable<T> slice = items.Skip(skip);
        if (last is > 0)
        {
            slice = slice.TakeLast(last.Value);
        }
        return slice.Take(first is > 0 ? first.Value : DefaultFirst).ToList();
    }

    // GraphQL.NET lists every declared argument, with a null value when the query gave none.
    private static bool Given(IResolveFieldContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var argument) && argument.Value is not null;
}
