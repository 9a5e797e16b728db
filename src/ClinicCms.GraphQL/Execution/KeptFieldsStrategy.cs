using System.Runtime.CompilerServices;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// GraphQL.NET's serial strategy, except that the fields a selection set asks of a type are collected once per
/// selection set, type and schema, not again for every object of a list (GraphQL.NET looks each field's name up
/// through the type's fields every time). Only plain selection sets are kept: fields without directives, no
/// fragments, no response key given twice, so that nothing of the request's variables or merging goes into what is
/// kept. Any other selection set goes GraphQL.NET's way. What is kept lives as long as its document does.
/// Scalar fields with a <see cref="SourceReadResolver"/> are read from their parent object without a resolve context.
/// </summary>
internal sealed class KeptFieldsStrategy : SerialExecutionStrategy
{
    public static new KeptFieldsStrategy Instance { get; } = new();

    private static readonly ConditionalWeakTable<GraphQLSelectionSet, Kept> KeptBySelection = new();

    // At most this many object types per selection set (an interface's types); more are collected each time.
    private const int MaxTypes = 16;

    // Per schema, so that a document outliving a schema change does not hold the old schema's types.
    private sealed class Kept(ISchema schema)
    {
        public ISchema Schema { get; } = schema;

        // The types met so far, replaced by a longer array when another is met (a lost race only repeats the work).
        // Fields are null for a type whose selection asks a key twice.
        public volatile (IGraphType Type, (GraphQLField Field, FieldType Definition)[]? Fields)[] ByType = [];
    }

    protected override Task ExecuteNodeAsync(ExecutionContext context, ExecutionNode node) =>
        node is ValueExecutionNode value && node.FieldDefinition.Resolver is SourceReadResolver read && TryRead(context, value, read)
            ? Task.CompletedTask
            : base.ExecuteNodeAsync(context, node);

    // A scalar read from its parent, as GraphQL.NET would resolve, serialize and check it; anything unusual (an item
    // of a list, a null for a non-null field, an exception) goes GraphQL.NET's way, which reads it again and reports it.
    private static bool TryRead(ExecutionContext context, ValueExecutionNode node, SourceReadResolver read)
    {
        if (node.Parent is not ObjectExecutionNode { Result: { } source })
        {
            return false;
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        object? result;
        try
        {
            result = node.GraphType.Serialize(read.Read(source));
        }
        catch (Exception)
        {
            return false;
        }
        if (result is null && node.FieldDefinition.ResolvedType is NonNullGraphType)
        {
            return false;
        }
        node.Result = result;
        return true;
    }

    protected override void SetSubFieldNodes(ExecutionContext context, ObjectExecutionNode parent)
    {
        // Only the document's own selection sets, which have a place in its text: GraphQL.NET makes a new one, without
        // a place, each time it merges a key given twice, for each object.
        var selectionSet = parent.SelectionSet;
        var fields = selectionSet is { Location.End: > 0 } && IsPlain(selectionSet)
            ? FieldsOf(context, parent.GetObjectGraphType(context.Schema) ?? parent.GraphType, selectionSet)
            : null;
        if (fields is null)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }
        var nodes = new ExecutionNode[fields.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            var (field, definition) = fields[i];
            nodes[i] = BuildExecutionNode(parent, definition.ResolvedType!, field, definition);
        }
        parent.SubFields = nodes;
    }

    private (GraphQLField, FieldType)[]? FieldsOf(ExecutionContext context, IGraphType type, GraphQLSelectionSet selectionSet)
    {
        if (!KeptBySelection.TryGetValue(selectionSet, out var kept) || kept.Schema != context.Schema)
        {
            kept = new Kept(context.Schema);
            KeptBySelection.AddOrUpdate(selectionSet, kept);
        }
        var known = kept.ByType;
        foreach (var (knownType, knownFields) in known)
        {
            if (knownType == type)
            {
                return knownFields;
            }
        }
        var fields = Collect(context, type, selectionSet);
        if (known.Length < MaxTypes)
        {
            kept.ByType = [.. known, (type, fields)];
        }
        return fields;
    }

    private static bool IsPlain(GraphQLSelectionSet selectionSet)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (selection is not GraphQLField { Directives: null or { Count: 0 } })
            {
                return false;
            }
        }
        return true;
    }

    private (GraphQLField, FieldType)[]? Collect(ExecutionContext context, IGraphType type, GraphQLSelectionSet selectionSet)
    {
        var collected = CollectFieldsFrom(context, type, selectionSet, null);
        if (collected.Count != selectionSet.Selections.Count)
        {
            return null; // a key given twice: GraphQL.NET merges the two fields for each request
        }
        return [.. collected.Values];
    }
}
