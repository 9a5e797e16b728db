using GraphQL.Validation;
using GraphQLParser.AST;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// One <c>__schema</c> per request: the whole schema is the largest answer a short query can ask for, and aliases
/// would repeat it. Other introspection is counted by the complexity limit.
/// </summary>
public sealed class IntrospectionLimitRule : ValidationRuleBase
{
    public static readonly IntrospectionLimitRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var seen = 0;
        return new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Name.Value.Span is "__schema" && ++seen == 2)
            {
                ctx.ReportError(new ValidationError(ctx.Document.Source, "INTROSPECTION_LIMIT",
                    "A request may ask for __schema once; it already holds the whole schema.", field));
            }
        }));
    }
}
