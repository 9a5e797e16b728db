using GraphQL;
using GraphQL.Execution;
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
    private CachedOperationPlan(ISchema schema) => Schema = schema;

    public ISchema Schema { get; }

    /// <summary>How the operation's variables are coerced; null when it declares none.</summary>
    public VariableCoercion? Coercion { get; private init; }

    public bool PromotesVariables { get; private init; }

    public (GraphQLField Field, FieldType Definition)[] Fields { get; private init; } = [];

    /// <summary>
    /// For each of <see cref="Fields"/>, its argument values when no variable is in them: the same for every request,
    /// so worked out once and then only read, by GraphQL.NET and the resolvers alike. Null where a request must.
    /// </summary>
    public IDictionary<string, ArgumentValue>?[] FixedArguments { get; private init; } = [];

    public IHasDirectivesNode[] DirectedNodes { get; private init; } = [];

    public static CachedOperationPlan Build(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var walk = new Walk(schema, document);
        walk.AddOperation(operation);
        var declared = operation.Variables is { Count: > 0 } variables ? variables : null;
        return new CachedOperationPlan(schema)
        {
            Coercion = declared is null ? null : new VariableCoercion(schema, document, operation),
            PromotesVariables = declared is not null && Promotes(schema, document, operation, declared),
            Fields = [.. walk.Fields],
            FixedArguments = [.. walk.Fields.Select(f => Fixed(f.Item1, f.Item2, document))],
            DirectedNodes = [.. walk.Directed],
        };
    }

    private static Dictionary<string, ArgumentValue>? Fixed(GraphQLField field, FieldType definition, GraphQLDocument document)
    {
        if (field.Arguments!.Items.Any(argument => HasVariable(argument.Value)))
        {
            return null;
        }
        try
        {
            return ExecutionHelper.GetArguments(definition.Arguments, field.Arguments, Variables.None, document, field, null);
        }
        catch (ValidationError)
        {
            return null; // each request fails it, and is answered as GraphQL.NET answers it
        }
    }

    private static bool HasVariable(GraphQLValue value) => value switch
    {
        GraphQLVariable => true,
        GraphQLListValue list => list.Values?.Any(HasVariable) == true,
        GraphQLObjectValue input => input.Fields?.Any(f => HasVariable(f.Value)) == true,
        _ => false,
    };

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

    // The walk, kept apart so that a stored plan holds its findings only.
    private sealed class Walk(ISchema schema, GraphQLDocument document)
    {
        private readonly HashSet<ROM> _fragments = [];

        public List<(GraphQLField, FieldType)> Fields { get; } = [];

        public List<IHasDirectivesNode> Directed { get; } = [];

        public void AddOperation(GraphQLOperationDefinition operation)
        {
            AddDirected(operation);
            IObjectGraphType? root = operation.Operation switch
            {
                OperationType.Query => schema.Query,
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => null,
            };
            if (root is null)
            {
                return;
            }
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                AddDirected(variable);
            }
            AddSelections(operation.SelectionSet, root);
        }

        private void AddSelections(GraphQLSelectionSet? selections, IComplexGraphType? type)
        {
            foreach (var selection in selections?.Selections ?? [])
            {
                AddDirected(selection);
                switch (selection)
                {
                    case GraphQLField field:
                        AddField(field, type);
                        break;
                    case GraphQLInlineFragment inline:
                        AddFragment(inline.TypeCondition, inline.SelectionSet, type);
                        break;
                    case GraphQLFragmentSpread spread when _fragments.Add(spread.FragmentName.Name.Value) && document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment:
                        AddDirected(fragment);
                        AddFragment(fragment.TypeCondition, fragment.SelectionSet, type);
                        break;
                }
            }
        }

        // A fragment's selections are read on its type when that has fields, on the enclosing type when it is a union.
        private void AddFragment(GraphQLTypeCondition? condition, GraphQLSelectionSet selections, IComplexGraphType? type)
        {
            if (condition is null)
            {
                AddSelections(selections, type);
                return;
            }
            var named = schema.AllTypes[condition.Type.Name.Value]?.GetNamedType();
            if (named is IComplexGraphType complex)
            {
                AddSelections(selections, complex);
            }
            else if (named is IAbstractGraphType)
            {
                AddSelections(selections, type);
            }
        }

        private void AddField(GraphQLField field, IComplexGraphType? type)
        {
            var name = field.Name.Value;
            var definition = name == schema.TypeMetaFieldType.Name ? schema.TypeMetaFieldType
                : name == schema.TypeNameMetaFieldType.Name ? schema.TypeNameMetaFieldType
                : name == schema.SchemaMetaFieldType.Name ? schema.SchemaMetaFieldType
                : type?.Fields.Find(name);
            if (definition is null)
            {
                return;
            }
            if (field.Arguments is { Count: > 0 })
            {
                Fields.Add((field, definition));
            }
            var named = definition.ResolvedType?.GetNamedType();
            if (named is IComplexGraphType complex)
            {
                AddSelections(field.SelectionSet, complex);
            }
            else if (named is UnionGraphType)
            {
                AddSelections(field.SelectionSet, type);
            }
        }

        private void AddDirected(ASTNode node)
        {
            if (node is IHasDirectivesNode { Directives.Count: > 0 } directed)
            {
                Directed.Add(directed);
            }
        }
    }
}
