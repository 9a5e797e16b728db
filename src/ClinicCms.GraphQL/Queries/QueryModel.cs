namespace ClinicCms.GraphQL.Queries;

/// <summary>A where key that holds a part's nested where input (<c>price: { amount_gt: 10 }</c>).</summary>
public sealed record PartTarget(FilterModel Nested) : QueryTarget;

/// <summary>A where key that combines inputs: AND, OR or NOT.</summary>
public sealed record LogicTarget(string Operator) : QueryTarget;

/// <summary>Every key a where input accepts, with its target and operator.</summary>
public sealed class FilterModel
{
    public Dictionary<string, (QueryTarget Target, string Operator)> Keys { get; } = new(StringComparer.Ordinal);
}

/// <summary>What a content type's list field needs to turn its arguments into a <see cref="ContentQuery"/>.</summary>
public sealed class TypeQueryModel(string contentType)
{
    public string ContentType { get; } = contentType;
    public FilterModel Filter { get; } = new();
    public Dictionary<string, QueryTarget> Order { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the type has LocalizationPart: its list and count fields take culture and fallback.</summary>
    public bool Localized { get; set; }
}
