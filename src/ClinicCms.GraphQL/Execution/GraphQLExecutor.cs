using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>Runs one request against the current schema with ClinicCms's limits, and logs unexpected errors in full.</summary>
public sealed partial class GraphQLExecutor(
    SchemaService schemas,
    IDocumentExecuter executer,
    MaxResultsValidationRule maxResults,
    IOptions<GraphQLOptions> options,
    ILogger<GraphQLExecutor> logger)
{
    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, HttpContext http)
    {
        var schema = await schemas.GetSchemaAsync(http.RequestServices, http.RequestAborted);
        var complexity = new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = options.Value.MaxDepth,
            MaxComplexity = options.Value.MaxComplexity,
            DefaultComplexityImpactDelegate = IntrospectionIsFree,
        });
        return await executer.ExecuteAsync(o =>
        {
            o.Schema = schema;
            o.Query = request.Query;
            o.OperationName = request.OperationName;
            o.Variables = request.Variables;
            o.Extensions = request.Extensions;
            o.RequestServices = http.RequestServices;
            o.User = http.User;
            o.CancellationToken = http.RequestAborted;
            o.ValidationRules = DocumentValidator.CoreRules.Append(complexity).Append(maxResults);
            o.CachedDocumentValidationRules = [maxResults];
            o.UnhandledExceptionDelegate = context =>
            {
                if (context.OriginalException is GraphQLParser.Exceptions.GraphQLMaxDepthExceededException tooDeep)
                {
                    // The parser's own nesting limit: bad input, not a server fault.
                    context.ErrorMessage = $"The query is nested too deeply (maximum depth exceeded at line {tooDeep.Location.Line}, column {tooDeep.Location.Column}).";
                    return Task.CompletedTask;
                }
                LogUnhandled(context.OriginalException, context.Context?.Operation?.Name?.StringValue ?? "(anonymous)");
                return Task.CompletedTask;
            };
        });
    }

    // Introspection reads the schema, not content: its cost does not grow with the data, and clients (GraphiQL,
    // code generators) must always be able to run it, however large the schema grows.
    private static FieldComplexityResult IntrospectionIsFree(FieldImpactContext context) =>
        context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || (context.ParentType?.Name.StartsWith("__", StringComparison.Ordinal) ?? false)
            ? new FieldComplexityResult(0, 1)
            : DefaultImpact(context);

    private static readonly Func<FieldImpactContext, FieldComplexityResult> DefaultImpact = new ComplexityOptions().DefaultComplexityImpactDelegate;

    /// <summary>Orchard's status codes: 401 when a permission failed, 400 for any other error, else 200.</summary>
    public static int StatusCodeFor(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return StatusCodes.Status200OK;
        }
        return errors.Any(e => e.Code == Queries.ContentListResolver.Unauthorized) ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
    }

    [LoggerMessage(LogLevel.Error, "GraphQL operation {Operation} failed")]
    private partial void LogUnhandled(Exception exception, string operation);
}
