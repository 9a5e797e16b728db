using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// What GraphQL.NET's validator finds by walking one operation of a document, found once: the fields with arguments
/// and their definitions, the nodes with directives, and whether a variable declared nullable is used where null is not
/// allowed. The walk follows the one inside <see cref="DocumentValidator"/> (each fragment once, where it is first
/// spread; fields of an unknown type or of a scalar not entered), since the values are looked up by these nodes.
/// </summary>
internal sealed class CachedOperationPlan
{
    private readonly List<(GraphQLField, FieldType)> _fields = [];
    private readonly List<IHasDirectivesNode> _directed = [];
    private readonly HashSet<ROM> _fragments = [];

    private CachedOperationPlan(ISchema schema, GraphQLDocument document)
    {
        Schema = schema;
        Document = document;
    }

    public ISchema Schema { get; }

    public GraphQLDocument Document { get; }

    /// <summary>The operation with its variable definitions and nothing else; null when it declares none.</summary>
    public GraphQLOperationDefinition? VariablesOnly { get; private init; }

    public bool PromotesVariables { get; private init; }

    public (GraphQLField Field, FieldType Definition)[] Fields { get; private init; } = [];

    public IHasDirectivesNode[] DirectedNodes { get; private init; } = [];

    public static CachedOperationPlan Build(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var walk = new CachedOperationPlan(schema, document);
        walk.Operation(operation);
        var declared = operation.Variables is { Count: > 0 } variables ? variables : null;
        return new CachedOperationPlan(schema, document)
        {
            VariablesOnly = declared is null ? null : new GraphQLOperationDefinition(new GraphQLSelectionSet([]))
            {
                Operation = operation.Operation,
                Name = operation.Name,
                Variables = declared,
            },
            PromotesVariables = declared is not null && Promotes(schema, document, operation, declared),
            Fields = [.. walk._fields],
            DirectedNodes = [.. walk._directed],
        };
    }

    // GraphQL.NET's own search for usages, once; a variable whose type is unknown also counts, so that its error is GraphQL.NET's.
    private static bool Promotes(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, GraphQLVariablesDefinition declared)
    {
        var usages = new ValidationContext { Schema = schema, Document = document, Operation = operation }.GetRecursiveVariables(operation) ?? [];
        return declared.Items.Any(definition => definition.Type.GraphTypeFromType(schema) switch
        {
            null => true,
            NonNullGraphType => false,
            _ => usages.Any(usage => usage.Node.Name == definition.Variable.Name && usage.Type is NonNullGraphType),
        });
    }

    private void Operation(GraphQLOperationDefinition operation)
    {
        Directed(operation);
        IObjectGraphType? root = operation.Operation switch
        {
            OperationType.Query => Schema.Query,
            OperationType.Mutation => Schema.Mutation,
            OperationType.Subscription => Schema.Subscription,
            _ => null,
        };
        if (root is null)
        {
            return;
        }
        foreach (var variable in operation.Variables?.Items ?? [])
        {
            Directed(variable);
        }
        Selections(operation.SelectionSet, root);
    }

    private void Selections(GraphQLSelectionSet? selections, IComplexGraphType? type)
    {
        foreach (var selection in selections?.Selections ?? [])
        {
            Directed(selection);
            switch (selection)
            {
                case GraphQLField field:
                    Field(field, type);
                    break;
                case GraphQLInlineFragment inline:
                    Fragment(inline.TypeCondition, inline.SelectionSet, type);
                    break;
                case GraphQLFragmentSpread spread when _fragments.Add(spread.FragmentName.Name.Value) && Document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment:
                    Directed(fragment);
                    Fragment(fragment.TypeCondition, fragment.SelectionSet, type);
                    break;
            }
        }
    }

    // A fragment's selections are read on its type when that has fields, on the enclosing type when it is a union.
    private void Fragment(GraphQLTypeCondition? condition, GraphQLSelectionSet selections, IComplexGraphType? type)
    {
        if (condition is null)
        {
            Selections(selections, type);
            return;
        }
        var named = Schema.AllTypes[condition.Type.Name.Value]?.GetNamedType();
        if (named is IComplexGraphType complex)
        {
            Selections(selections, complex);
        }
        else if (named is IAbstractGraphType)
        {
            Selections(selections, type);
        }
    }

    private void Field(GraphQLField field, IComplexGraphType? type)
    {
        var name = field.Name.Value;
        var definition = name == Schema.TypeMetaFieldType.Name ? Schema.TypeMetaFieldType
            : name == Schema.TypeNameMetaFieldType.Name ? Schema.TypeNameMetaFieldType
            : name == Schema.SchemaMetaFieldType.Name ? Schema.SchemaMetaFieldType
            : type?.Fields.Find(name);
        if (definition is null)
        {
            return;
        }
        if (field.Arguments is { Count: > 0 })
        {
            _fields.Add((field, definition));
        }
        var named = definition.ResolvedType?.GetNamedType();
        if (named is IComplexGraphType complex)
        {
            Selections(field.SelectionSet, complex);
        }
        else if (named is UnionGraphType)
        {
            Selections(field.SelectionSet, type);
        }
    }

    private void Directed(ASTNode node)
    {
        if (node is IHasDirectivesNode { Directives.Count: > 0 } directed)
        {
            _directed.Add(directed);
        }
    }
}
