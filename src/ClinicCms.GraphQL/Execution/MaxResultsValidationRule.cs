using System.Globalization;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// <c>first</c> or <c>last</c> over MaxNumberOfResults, and a negative <c>first</c>, <c>last</c> or <c>skip</c>, is a
/// validation error (Orchard's ArgumentInputError), whether written in the query or passed as a variable. It also runs
/// on cached documents, since variables change.
/// </summary>
public sealed class MaxResultsValidationRule(IOptions<GraphQLOptions> options) : ValidationRuleBase
{
    /// <summary>
    /// Whether a variable can change how much a document reads: first, last or skip, or an @include or @skip, taken from a
    /// variable. Only then can a limit fail on a document that passed it once: written values do not change between
    /// requests.
    /// </summary>
    public static bool SizeReadsVariables(GraphQLDocument document)
    {
        var finder = new VariableLimitFinder();
        finder.VisitAsync(document, finder).AsTask().GetAwaiter().GetResult(); // no I/O: completes synchronously
        return finder.Found;
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLArgument>((argument, ctx) =>
        {
            if (argument.Name.Value.Span is not ("first" or "last" or "skip"))
            {
                return;
            }
            var value = argument.Value switch
            {
                GraphQLIntValue literal => Read(literal),
                GraphQLVariable variable when ctx.Variables is { } variables && variables.TryGetValue(variable.Name.StringValue, out var v) => v as int?,
                // Not sent: the operation's default for it, if any.
                GraphQLVariable variable => ctx.Operation?.Variables?.Items.FirstOrDefault(d => d.Variable.Name.StringValue == variable.Name.StringValue)?.DefaultValue is GraphQLIntValue given ? Read(given) : null,
                _ => null,
            };
            var shown = argument.Value is GraphQLIntValue written ? written.Value.ToString() : value?.ToString(CultureInfo.InvariantCulture);
            if (value < 0)
            {
                ctx.ReportError(new ValidationError(ctx.Document.Source, "ArgumentInputError",
                    $"{argument.Name.StringValue} is {shown}; it must be 0 or more.", argument));
                return;
            }
            var max = options.Value.MaxNumberOfResults;
            if (argument.Name.Value.Span is not "skip" && value > max)
            {
                ctx.ReportError(new ValidationError(ctx.Document.Source, "ArgumentInputError",
                    $"{argument.Name.StringValue} is {shown}; the most a query may ask for is {max}.", argument));
            }
        }));

    // Beyond an int's range: as far as it can be in the direction written.
    private static int Read(GraphQLIntValue literal) =>
        int.TryParse(literal.Value.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : literal.Value.Span[0] == '-' ? int.MinValue : int.MaxValue;

    private sealed class VariableLimitFinder : ASTVisitor<VariableLimitFinder>, IASTVisitorContext
    {
        public bool Found { get; private set; }

        public CancellationToken CancellationToken => default;

        protected override ValueTask VisitArgumentAsync(GraphQLArgument argument, VariableLimitFinder context)
        {
            if (argument.Name.Value.Span is "first" or "last" or "skip" && argument.Value is GraphQLVariable)
            {
                context.Found = true;
            }
            return base.VisitArgumentAsync(argument, context);
        }

        protected override ValueTask VisitDirectiveAsync(GraphQLDirective directive, VariableLimitFinder context)
        {
            if (directive.Arguments?.Items.Any(a => a.Value is GraphQLVariable) == true)
            {
                context.Found = true;
            }
            return base.VisitDirectiveAsync(directive, context);
        }
    }
}
