namespace ClinicCms.GraphQL.Schema;

/// <summary>
/// Hands out unique type names within one schema. Names of built-in and ClinicCms types are reserved; a content
/// type or part that would collide gets a numbered name, in definition order so that names stay stable.
/// </summary>
internal sealed class TypeNameRegistry
{
    private static readonly string[] Reserved =
    [
        "Query", "Mutation", "Subscription", "String", "Int", "Float", "Boolean", "ID", "Decimal", "Date", "DateTime", "TimeSpan",
        "ContentItem", "Status", "OrderByDirection", "HtmlBodyPart", "MarkdownBodyPart", "HtmlField", "MarkdownField", "LinkField",
        "ContentPickerField", "MediaField", "MediaFile", "SearchResults", "SearchHit",
    ];

    private readonly HashSet<string> _taken = new(Reserved, StringComparer.Ordinal);

    public string Claim(string wanted)
    {
        var name = GraphQLNames.Valid(wanted);
        var candidate = name;
        for (var n = 2; !_taken.Add(candidate) || candidate.StartsWith("__", StringComparison.Ordinal); n++)
        {
            candidate = $"{name}{n}";
        }
        return candidate;
    }
}
