namespace ClinicCms.Content.Reading;

/// <summary>
/// One comparison of a target with a value: a string, a number, a boolean, a date (DateTime, DateTimeOffset or
/// DateOnly), a TimeSpan, or a list of those for In and NotIn. A value that does not fit the target's kind is a
/// <see cref="ContentQueryException"/>.
/// </summary>
public sealed record Comparison(QueryTarget Target, FilterOperator Operator, object? Value) : ContentFilter;
