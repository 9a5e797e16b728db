namespace ClinicCms.Content.Reading;

/// <summary>
/// How a <see cref="Comparison"/> filter compares. Text matching (Contains, StartsWith, EndsWith and their negations) is
/// case-insensitive, and the text's own % and _ match themselves.
/// </summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    In,
    NotIn,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    Contains,
    NotContains,
    StartsWith,
    NotStartsWith,
    EndsWith,
    NotEndsWith,
}
