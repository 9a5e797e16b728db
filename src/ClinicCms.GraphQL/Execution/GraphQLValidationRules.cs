using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
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
            DefaultComplexityImpactDelegate = IntrospectionIsFree,
        });
        All = [.. DocumentValidator.CoreRules, complexity, maxResults];
        ForCachedDocuments = [maxResults];
    }

    /// <summary>For a document parsed by this request.</summary>
    public IValidationRule[] All { get; }

    /// <summary>For a document from the cache: only what depends on the variables.</summary>
    public IValidationRule[] ForCachedDocuments { get; }

    // Introspection reads the schema, not content: its cost does not grow with the data, and clients (GraphiQL,
    // code generators) must always be able to run it, however large the schema grows.
    private static FieldComplexityResult IntrospectionIsFree(FieldImpactContext context) =>
        context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || (context.ParentType?.Name.StartsWith("__", StringComparison.Ordinal) ?? false)
            ? new FieldComplexityResult(0, 1)
            : DefaultImpact(context);
}
