namespace ClinicCms.GraphQL.Queries;

/// <summary>What a key of a where or orderBy input stands for.</summary>
public abstract record QueryTarget;

/// <summary>A column of the version row (DisplayText, CreatedUtc, Path, ...).</summary>
public sealed record ColumnTarget(string Column, ScalarKind Kind) : QueryTarget;

/// <summary>A scalar field, through the field index: scoped to its part and field.</summary>
public sealed record FieldTarget(string Part, string Field, ScalarKind Kind) : QueryTarget;

/// <summary>A part's nested where input (<c>price: { amount_gt: 10 }</c>).</summary>
public sealed record PartTarget(FilterModel Nested) : QueryTarget;

/// <summary>AND, OR or NOT.</summary>
public sealed record LogicTarget(string Operator) : QueryTarget;

/// <summary>Every key a where input accepts, with its target and operator.</summary>
public sealed class FilterModel
{
    public Dictionary<string, (QueryTarget Target, string Operator)> Keys { get; } = new(StringComparer.Ordinal);
}

/// <summary>What a content type's list field needs to turn its arguments into SQL.</summary>
public sealed class TypeQueryModel(string contentType)
{
    public string ContentType { get; } = contentType;
    public FilterModel Filter { get; } = new();
    public Dictionary<string, QueryTarget> Order { get; } = new(StringComparer.Ordinal);
}
