using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// What a query's answer depends on, worked out from the parsed operation against the schema, without running it: a
/// list or count field of a content type depends on that type; <c>contentItem(contentItemId: ...)</c> depends on that
/// item; a field typed by the ContentItem interface anywhere else (a picker's <c>contentItems</c>) may hold items of
/// any type, so the answer depends on every type. Computed once per query text and schema.
/// </summary>
public sealed class ReadDependencies
{
    public static readonly ReadDependencies Everything = new() { AllTypes = true, ReadsDrafts = true };

    private readonly HashSet<string> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _itemVariables = new(StringComparer.Ordinal);

    private ReadDependencies()
    {
    }

    /// <summary>True when a change of any item may change the answer.</summary>
    public bool AllTypes { get; private set; }

    /// <summary>True when the answer may hold versions that are not published: a field asks for a status other than PUBLISHED.</summary>
    public bool ReadsDrafts { get; private set; }

    /// <summary>Content types whose items the answer lists or counts.</summary>
    public IReadOnlyCollection<string> Types => _types;

    /// <summary>The ids of items the answer looks up, given the request's variables; null when one cannot be known.</summary>
    public IReadOnlyCollection<string>? ItemsFor(Inputs? variables)
    {
        if (_itemVariables.Count == 0)
        {
            return _items;
        }
        var items = new HashSet<string>(_items, StringComparer.Ordinal);
        foreach (var name in _itemVariables)
        {
            if (variables is null || !variables.TryGetValue(name, out var value) || value is not string id)
            {
                return null;
            }
            items.Add(id);
        }
        return items;
    }

    /// <param name="isContentType">Whether an object type's name is the name of a content type.</param>
    public static ReadDependencies Of(GraphQLDocument document, string? operationName, ISchema schema, Func<string, bool> isContentType)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is { Length: > 0 }
            ? operations.FirstOrDefault(o => o.Name?.StringValue == operationName)
            : operations.Count == 1 ? operations[0] : null;
        if (operation is null || operation.Operation != OperationType.Query || schema.Query is null)
        {
            return Everything;
        }
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal);
        var dependencies = new ReadDependencies { ReadsDrafts = AsksBeyondPublished(document.Definitions) };
        new Walker(schema, isContentType, fragments, dependencies).Walk(operation.SelectionSet, schema.Query, root: true);
        return dependencies.AllTypes && dependencies.ReadsDrafts ? Everything
            : dependencies.AllTypes ? new ReadDependencies { AllTypes = true } : dependencies;
    }

    // Any field of the document, in any operation or fragment, with a status that is not the literal PUBLISHED (a
    // variable may be anything): only such a field reads drafts; contentItem and pickers read published versions.
    private static bool AsksBeyondPublished(IEnumerable<ASTNode> nodes) => nodes.Any(node => node switch
    {
        GraphQLField field => field.Arguments?.Any(a => a.Name.StringValue == "status" && a.Value is not GraphQLEnumValue { Name.StringValue: "PUBLISHED" }) == true
            || AsksBeyondPublished(field.SelectionSet?.Selections ?? []),
        GraphQLOperationDefinition operation => AsksBeyondPublished(operation.SelectionSet.Selections),
        GraphQLFragmentDefinition fragment => AsksBeyondPublished(fragment.SelectionSet.Selections),
        GraphQLInlineFragment inline => AsksBeyondPublished(inline.SelectionSet.Selections),
        _ => false,
    });

    private sealed class Walker(ISchema schema, Func<string, bool> isContentType, Dictionary<string, GraphQLFragmentDefinition> fragments, ReadDependencies found)
    {
        private readonly HashSet<string> _spread = new(StringComparer.Ordinal);

        public void Walk(GraphQLSelectionSet? selections, IGraphType type, bool root)
        {
            foreach (var selection in selections?.Selections ?? [])
            {
                if (found.AllTypes)
                {
                    return;
                }
                switch (selection)
                {
                    case GraphQLField field:
                        Field(field, type, root);
                        break;
                    case GraphQLInlineFragment inline:
                        Walk(inline.SelectionSet, TypeNamed(inline.TypeCondition?.Type.Name.StringValue) ?? type, root);
                        break;
                    case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        if (_spread.Add(fragment.FragmentName.Name.StringValue))
                        {
                            Walk(fragment.SelectionSet, TypeNamed(fragment.TypeCondition.Type.Name.StringValue) ?? type, root);
                        }
                        break;
                    default:
                        found.AllTypes = true;
                        break;
                }
            }
        }

        private void Field(GraphQLField field, IGraphType type, bool root)
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                return; // introspection depends on the schema, which only a definitions change alters
            }
            if ((type as IComplexGraphType)?.GetField(name) is not { } definition || Named(definition.ResolvedType) is not { } fieldType)
            {
                found.AllTypes = true;
                return;
            }
            if (root && name == "contentItem")
            {
                LookedUp(field);
            }
            else if (fieldType is IInterfaceGraphType or UnionGraphType)
            {
                found.AllTypes = true;
                return;
            }
            else if (fieldType is IObjectGraphType objectType && ContentTypeOf(objectType) is { } contentType)
            {
                found._types.Add(contentType);
            }
            else if (root && CountedType(name) is { } counted)
            {
                found._types.Add(counted);
            }
            else if (root || fieldType is IObjectGraphType { ResolvedInterfaces.Count: > 0 })
            {
                found.AllTypes = true; // a root field or an item type we cannot name: assume it reads anything
                return;
            }
            Walk(field.SelectionSet, fieldType, root: false);
        }

        private void LookedUp(GraphQLField field)
        {
            switch (field.Arguments?.FirstOrDefault(a => a.Name.StringValue == "contentItemId")?.Value)
            {
                case GraphQLStringValue id:
                    found._items.Add(id.Value.ToString());
                    break;
                case GraphQLVariable variable:
                    found._itemVariables.Add(variable.Name.StringValue);
                    break;
                default:
                    found.AllTypes = true;
                    break;
            }
        }

        // A content item's object type implements the ContentItem interface and is named after its content type.
        private string? ContentTypeOf(IObjectGraphType type) =>
            type.ResolvedInterfaces.Count > 0 && isContentType(type.Name) ? type.Name : null;

        // "articleCount" counts what "article" lists.
        private string? CountedType(string name) =>
            name.EndsWith("Count", StringComparison.Ordinal) && schema.Query.GetField(name[..^5]) is { } list
            && Named(list.ResolvedType) is IObjectGraphType listed ? ContentTypeOf(listed) : null;

        private IGraphType? TypeNamed(string? name) => name is null ? null : schema.AllTypes[name];

        private static IGraphType? Named(IGraphType? type) => type is IProvideResolvedType wrapper ? Named(wrapper.ResolvedType) : type;
    }
}
