using System.Globalization;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// <c>first</c> or <c>last</c> over MaxNumberOfResults is a validation error (Orchard's ArgumentInputError), whether
/// written in the query or passed as a variable. It also runs on cached documents, since variables change.
/// </summary>
public sealed class MaxResultsValidationRule(IOptions<GraphQLOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLArgument>((argument, ctx) =>
        {
            if (argument.Name.Value.Span is not ("first" or "last"))
            {
                return;
            }
            var value = argument.Value switch
            {
                GraphQLIntValue literal => int.TryParse(literal.Value.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue,
                GraphQLVariable variable when ctx.Variables is { } variables && variables.TryGetValue(variable.Name.StringValue, out var v) => v as int?,
                _ => null,
            };
            var max = options.Value.MaxNumberOfResults;
            if (value > max)
            {
                ctx.ReportError(new ValidationError(ctx.Document.Source, "ArgumentInputError",
                    $"{argument.Name.StringValue} is {value}; the most a query may ask for is {max}.", argument));
            }
        }));
}
