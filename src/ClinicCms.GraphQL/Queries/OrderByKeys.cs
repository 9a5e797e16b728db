using GraphQL;
using GraphQLParser.AST;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// The orderBy keys in the order the client wrote them. GraphQL.NET hands input objects over in the input type's
/// field order, but orderBy applies its keys in turn, so their written order matters.
/// </summary>
internal static class OrderByKeys
{
    public static List<KeyValuePair<string, object?>> InWrittenOrder(IResolveFieldContext context)
    {
        var values = context.GetArgument<Dictionary<string, object?>>("orderBy");
        if (values is null)
        {
            return [];
        }
        var written = context.FieldAst.Arguments?.FirstOrDefault(a => a.Name.Value.Span.SequenceEqual("orderBy")) switch
        {
            { Value: GraphQLObjectValue literal } => literal.Fields?.Select(f => f.Name.StringValue).ToList(),
            { Value: GraphQLVariable variable } when context.Variables.Find(variable.Name.StringValue)?.Value is IDictionary<string, object?> json => json.Keys.ToList(),
            _ => null,
        };
        var order = written ?? [.. values.Keys];
        return [.. order.Where(values.ContainsKey).Select(k => KeyValuePair.Create(k, values[k])), .. values.Where(v => !order.Contains(v.Key))];
    }

    /// <summary>The store's order keys for the written keys; contentType is accepted and ignored (as in Orchard), as is any key without a direction.</summary>
    public static OrderKey[] Resolve(TypeQueryModel model, List<KeyValuePair<string, object?>> orderBy)
    {
        if (orderBy.Count == 0)
        {
            return [];
        }
        var keys = new List<OrderKey>(orderBy.Count);
        foreach (var (key, value) in orderBy)
        {
            if (key != "contentType" && value is string direction && model.Order.TryGetValue(key, out var target))
            {
                keys.Add(new OrderKey(target, direction == "DESC"));
            }
        }
        return [.. keys];
    }
}
