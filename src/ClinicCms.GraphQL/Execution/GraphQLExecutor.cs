using ClinicCms.Content.Store;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicCms.GraphQL.Execution;

/// <summary>Runs one request against the current schema with ClinicCms's limits, and logs unexpected errors in full.</summary>
public sealed partial class GraphQLExecutor(
    SchemaService schemas,
    IDocumentExecuter executer,
    GraphQLValidationRules rules,
    ILogger<GraphQLExecutor> logger)
{
    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, HttpContext http)
    {
        var schema = await schemas.GetSchemaAsync(http.RequestServices, http.RequestAborted);
        var db = http.RequestServices.GetRequiredService<ClinicCmsDbContext>();
        await using var reads = await ReadSession.StartAsync(db, http.RequestServices.GetService<SqliteReadConnections>(), http.RequestAborted);
        return await ExecuteAsync(request, http, schema);
    }

    private Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, HttpContext http, global::GraphQL.Types.ISchema schema) =>
        executer.ExecuteAsync(o =>
        {
            o.Schema = schema;
            o.Query = request.Query;
            o.OperationName = request.OperationName;
            o.Variables = request.Variables;
            o.Extensions = request.Extensions;
            o.RequestServices = http.RequestServices;
            o.User = http.User;
            o.CancellationToken = http.RequestAborted;
            o.ValidationRules = rules.All;
            o.CachedDocumentValidationRules = rules.ForCachedDocuments;
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
