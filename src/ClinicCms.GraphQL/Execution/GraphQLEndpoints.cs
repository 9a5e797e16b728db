using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClinicCms.GraphQL.Execution;

public static class GraphQLEndpoints
{
    public const string Path = "/api/graphql";

    /// <summary>/api/graphql for GET and POST, written here as Orchard writes its own middleware.</summary>
    public static RouteGroupBuilder MapClinicCmsGraphQL(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Path);
        group.MapGet("", HandleAsync);
        group.MapPost("", HandleAsync).DisableAntiforgery();
        return group;
    }

    private static async Task HandleAsync(HttpContext http, GraphQLRequestReader reader, GraphQLExecutor executor, IGraphQLSerializer serializer)
    {
        var (request, failure) = await reader.ReadAsync(http);
        var result = failure is null
            ? await executor.ExecuteAsync(request!, http)
            : new ExecutionResult { Errors = [new ExecutionError(failure.Message) { Code = "REQUEST_ERROR" }] };
        http.Response.StatusCode = failure?.StatusCode ?? GraphQLExecutor.StatusCodeFor(result);
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
