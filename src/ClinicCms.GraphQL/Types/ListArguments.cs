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
    public static List<T> Slice<T>(List<T> items, IResolveFieldContext context)
    {
        if (context.Arguments is not { Count: > 0 } && items.Count <= DefaultFirst)
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
}
