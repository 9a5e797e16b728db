using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>The validation rules of every request, built once: the core rules plus ClinicCms's limits.</summary>
public sealed class GraphQLValidationRules
{
    private static readonly Func<FieldImpactContext, FieldComplexityResult> DefaultImpact = new ComplexityOptions().DefaultComplexityImpactDelegate;

    public GraphQLValidationRules(MaxResultsValidationRule maxResults, IOptions<GraphQLOptions> options)
    {
        var complexity = new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = options.Value.MaxDepth,
            MaxComplexity = options.Value.MaxComplexity,
            DefaultComplexityImpactDelegate = Impact,
        });
        All = [.. DocumentValidator.CoreRules, IntrospectionLimitRule.Instance, complexity, maxResults];
        ForCachedDocuments = [complexity, maxResults];
    }

    /// <summary>For a document parsed by this request.</summary>
    public IValidationRule[] All { get; }

    /// <summary>For a document from the cache: only what depends on the variables (the limits, which take first, last and
    /// skipped or included fields from them).</summary>
    public IValidationRule[] ForCachedDocuments { get; }

    /// <summary>
    /// The rules a cached document still needs: none when no variable can change its size (no first or last and no
    /// @include or @skip taken from a variable), which spares GraphQL.NET a walk of the document with its type
    /// information on every request. Otherwise the limits again: a document that passed with small variables must
    /// not run unchecked with large ones.
    /// </summary>
    public IValidationRule[] ForCachedDocument(GraphQLDocument document) =>
        MaxResultsValidationRule.SizeReadsVariables(document) ? ForCachedDocuments : [];

    // Introspection is counted like any other read, its lists as long as a schema's lists of types and fields, so
    // aliased or nested introspection cannot build an answer of many megabytes. GraphiQL's and graphql-js's
    // introspection query stays far below the limit.
    internal const double IntrospectionListLength = 10;

    // A search ranks every match before it pages, and each hit's snippet is cut from its text: they weigh what they cost,
    // so that aliases cannot pack many large searches into one request.
    internal const double SearchImpact = 5_000;
    internal const double SnippetImpact = 50;

    private static FieldComplexityResult Impact(FieldImpactContext context) =>
        context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || (context.ParentType?.Name.StartsWith("__", StringComparison.Ordinal) ?? false)
            ? new FieldComplexityResult(1, IsList(context.FieldDefinition.ResolvedType) ? IntrospectionListLength : 1)
            : (context.ParentType?.Name, context.FieldDefinition.Name) switch
            {
                ("Query", "search") => new FieldComplexityResult(SearchImpact, 1),
                ("SearchHit", "snippet") => new FieldComplexityResult(SnippetImpact, 1),
                _ => DefaultImpact(context),
            };

    private static bool IsList(IGraphType? type) => type is ListGraphType || type is NonNullGraphType { ResolvedType: ListGraphType };
}
