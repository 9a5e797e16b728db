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

    private static async Task HandleAsync(HttpContext http, GraphQLRequestReader reader, GraphQLExecutor executor, IGraphQLSerializer serializer,
        Queries.IContentReadAccess access)
    {
        if (!await access.CanExecuteAsync(http.User))
        {
            // Orchard answers 401 both without credentials and without ExecuteGraphQL.
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            http.Response.ContentType = "application/json; charset=utf-8";
            var denied = new ExecutionResult { Errors = [new ExecutionError("Authorization is required to run GraphQL queries (ExecuteGraphQL).") { Code = Queries.ContentListResolver.Unauthorized }] };
            await serializer.WriteAsync(http.Response.Body, denied, http.RequestAborted);
            return;
        }
        var (request, failure) = await reader.ReadAsync(http);
        var result = failure is null
            ? await executor.ExecuteAsync(request!, http)
            : new ExecutionResult { Errors = [new ExecutionError(failure.Message) { Code = "REQUEST_ERROR" }] };
        http.Response.StatusCode = failure?.StatusCode ?? GraphQLExecutor.StatusCodeFor(result);
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
