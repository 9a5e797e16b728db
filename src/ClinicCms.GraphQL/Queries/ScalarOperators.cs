namespace ClinicCms.GraphQL.Queries;

/// <summary>Orchard's operator suffixes for each kind of value (WhereInputObjectGraphType).</summary>
public static class ScalarOperators
{
    private static readonly string[] Equality = ["", "_not"];
    private static readonly string[] Comparable = ["", "_not", "_in", "_not_in", "_gt", "_gte", "_lt", "_lte"];
    private static readonly string[] Text =
    [
        "", "_not", "_in", "_not_in", "_contains", "_not_contains", "_starts_with", "_not_starts_with", "_ends_with", "_not_ends_with",
    ];

    public static IReadOnlyList<string> For(ScalarKind kind) => kind switch
    {
        ScalarKind.Id or ScalarKind.Boolean => Equality,
        ScalarKind.Text => Text,
        _ => Comparable,
    };

    public static bool IsList(string op) => op is "_in" or "_not_in";
}
