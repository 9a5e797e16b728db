using ClinicCms.GraphQL.Queries;
using ClinicCms.GraphQL.Rendering;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>Runs one request against the current schema with ClinicCms's limits, and logs unexpected errors in full.</summary>
public sealed partial class GraphQLExecutor(
    SchemaService schemas,
    IDocumentExecuter executer,
    GraphQLValidationRules rules,
    IOptions<GraphQLOptions> options,
    MarkdownRenderer markdown,
    ILogger<GraphQLExecutor> logger)
{
    /// <summary>The result, and what it read (for the Cache-Tag header).</summary>
    public async Task<(ExecutionResult Result, ReadTags Tags)> ExecuteAsync(GraphQLRequest request, HttpContext http)
    {
        var schema = await schemas.GetSchemaAsync(http.RequestServices, http.RequestAborted);
        // Resolved here rather than injected: a request the response cache answers never builds a reader.
        var reads = new ContentReadContext(http.RequestServices.GetRequiredService<IContentReader>(),
            http.RequestServices.GetRequiredService<IContentReadAccess>(), options.Value, markdown, http.User)
        {
            MediaVersions = http.RequestServices.GetService<ClinicCms.Content.Media.IMediaVersions>(),
            SiteCultures = http.RequestServices.GetService<ClinicCms.Content.Localization.SiteCultures>() is { } cultures ? cultures.GetAsync : null,
            Search = http.RequestServices.GetService<ClinicCms.Content.Search.IContentSearch>(),
            SearchRefusal = http.RequestServices.GetService<ISearchBudget>() is { } budget ? () => SearchRefusal(budget, http) : null,
        };
        var result = await ExecuteAsync(request, http, schema, reads);
        if (result.Errors is { Count: > 0 } errors)
        {
            if (!result.Executed && OperationTypeOf(request) is { } kind and not OperationType.Query)
            {
                // The schema has no mutation or subscription type; say why in plain words, as a client mistake.
                var name = kind == OperationType.Mutation ? "mutation" : "subscription";
                LogReadOnly(name, http.Connection.RemoteIpAddress?.ToString() ?? "-");
                result.Errors = [new ExecutionError($"This GraphQL API is read-only: a {name} is not supported. Send a query; content is changed in the admin or through the REST API.") { Code = "READ_ONLY" }];
                return (result, reads.Tags);
            }
            result.Errors = Bounded(errors);
        }
        return (result, reads.Tags);
    }

    // The answer carries the wait: a 429 (StatusCodeFor) with Retry-After.
    private static string? SearchRefusal(ISearchBudget budget, HttpContext http)
    {
        if (budget.Refusal(http) is not { } refusal)
        {
            return null;
        }
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return refusal.Message;
    }

    // Only on a failed request, whose query already passed the token and line checks, so parsing again is cheap.
    internal static OperationType? OperationTypeOf(GraphQLRequest request)
    {
        try
        {
            var operations = GraphQLParser.Parser.Parse(request.Query!).Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var operation = operations.Count == 1 ? operations[0] : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
            return operation?.Operation;
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null;
        }
    }

    // A parser or validation message quotes the query; a long query must not make a long answer.
    internal const int MaxMessageLength = 1000;
    internal const int MaxErrors = 20;

    private static ExecutionErrors Bounded(ExecutionErrors errors)
    {
        if (errors.Count <= MaxErrors && errors.All(e => e.Message.Length <= MaxMessageLength))
        {
            return errors;
        }
        var bounded = new ExecutionErrors();
        foreach (var error in errors.Take(MaxErrors))
        {
            if (error.Message.Length <= MaxMessageLength)
            {
                bounded.Add(error);
                continue;
            }
            var cut = new ExecutionError(error.Message[..MaxMessageLength] + "... (cut)") { Code = error.Code };
            foreach (var location in error.Locations ?? [])
            {
                cut.AddLocation(location);
            }
            bounded.Add(cut);
        }
        if (errors.Count > MaxErrors)
        {
            bounded.Add(new ExecutionError($"{errors.Count - MaxErrors} more errors left out.") { Code = "TOO_MANY_ERRORS" });
        }
        return bounded;
    }

    private Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, HttpContext http, global::GraphQL.Types.ISchema schema, ContentReadContext reads) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = reads, // resolvers take what they need from it, never from the service provider
            User = http.User,
            CancellationToken = http.RequestAborted,
            ValidationRules = rules.All,
            UnhandledExceptionDelegate = context =>
            {
                if (context.OriginalException is GraphQLParser.Exceptions.GraphQLMaxDepthExceededException tooDeep)
                {
                    // The parser's own nesting limit: bad input, not a server fault.
                    context.ErrorMessage = $"The query is nested too deeply (maximum depth exceeded at line {tooDeep.Location.Line}, column {tooDeep.Location.Column}).";
                    return Task.CompletedTask;
                }
                if (OperationTypeOf(request) is not (null or OperationType.Query))
                {
                    // A mutation or subscription fails in validation, for want of a root type: refused and logged below.
                    return Task.CompletedTask;
                }
                LogUnhandled(context.OriginalException, context.Context?.Operation?.Name?.StringValue ?? "(anonymous)");
                return Task.CompletedTask;
            },
        });

    /// <summary>Orchard's status codes: 401 when a permission failed, 400 for any other error, else 200; and 429 when a search was over the caller's budget.</summary>
    public static int StatusCodeFor(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return StatusCodes.Status200OK;
        }
        return errors.Any(e => e.Code == Queries.ContentListResolver.Unauthorized) ? StatusCodes.Status401Unauthorized
            : errors.Any(e => e.Code == Queries.SearchResolver.TooManyRequests) ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status400BadRequest;
    }

    [LoggerMessage(LogLevel.Warning, "GraphQL {Operation} from {RemoteAddress} refused: the API is read-only")]
    private partial void LogReadOnly(string operation, string remoteAddress);

    [LoggerMessage(LogLevel.Error, "GraphQL operation {Operation} failed")]
    private partial void LogUnhandled(Exception exception, string operation);
}
