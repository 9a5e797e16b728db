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

    /// <summary>The store's operator for a suffix of <see cref="For"/>.</summary>
    public static FilterOperator ToOperator(string op) => op switch
    {
        "" => FilterOperator.Equal,
        "_not" => FilterOperator.NotEqual,
        "_in" => FilterOperator.In,
        "_not_in" => FilterOperator.NotIn,
        "_gt" => FilterOperator.GreaterThan,
        "_gte" => FilterOperator.GreaterThanOrEqual,
        "_lt" => FilterOperator.LessThan,
        "_lte" => FilterOperator.LessThanOrEqual,
        "_contains" => FilterOperator.Contains,
        "_not_contains" => FilterOperator.NotContains,
        "_starts_with" => FilterOperator.StartsWith,
        "_not_starts_with" => FilterOperator.NotStartsWith,
        "_ends_with" => FilterOperator.EndsWith,
        "_not_ends_with" => FilterOperator.NotEndsWith,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not an operator suffix."),
    };
}
