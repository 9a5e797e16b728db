using ClinicCms.Content.Definitions;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ClinicCms.GraphQL.Execution;

public static class GraphQLEndpoints
{
    public const string Path = "/api/graphql";

    /// <summary>HIT when a cacheable read was answered from the response cache, MISS when it was run (and kept).</summary>
    public const string CacheHeader = "X-Cache";

    /// <summary>/api/graphql for GET and POST, written here as Orchard writes its own middleware.</summary>
    public static RouteGroupBuilder MapClinicCmsGraphQL(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Path);
        group.MapGet("", HandleAsync);
        group.MapPost("", HandleAsync).DisableAntiforgery();
        return group;
    }

    private static async Task HandleAsync(HttpContext http, GraphQLRequestReader reader, GraphQLExecutor executor, ResultSerializer serializer,
        Queries.IContentReadAccess access, ResponseCache cache, RequestKeys keys, ReadDependencyCache dependencies, SchemaService schemas)
    {
        if (!await access.CanExecuteAsync(http.User))
        {
            // Orchard answers 401 both without credentials and without ExecuteGraphQL.
            http.Response.Headers.WWWAuthenticate = "Bearer";
            var denied = new ExecutionResult { Errors = [new ExecutionError("Authorization is required to run GraphQL queries (ExecuteGraphQL).") { Code = Queries.ContentListResolver.Unauthorized }] };
            await WriteAsync(http, StatusCodes.Status401Unauthorized, serializer.ToUtf8Bytes(denied));
            return;
        }
        var (json, tooLarge) = await reader.ReadJsonBodyAsync(http);
        if (tooLarge is not null)
        {
            await WriteFailureAsync(http, serializer, tooLarge);
            return;
        }
        // Read first: a role change between reading the caller's rights and running the query keeps the answer out.
        var changes = cache.ChangeCount;
        var (identity, isPublic) = await access.CacheIdentityAsync(http.User);
        // A body sent before: its key is known, and a cached answer is sent without parsing the request at all.
        var known = cache.Enabled && json is not null ? keys.Find(json) : null;
        if (known is not null && cache.Find(cache.SlotFor(known.RequestKey, known.NormalizedQuery, identity, changes)!.Value) is { } early)
        {
            http.Response.Headers[CacheHeader] = "HIT";
            await WriteOkAsync(http, early, isPublic);
            return;
        }
        var (parsed, failure) = json is not null ? reader.Parse(json) : await reader.ReadAsync(http);
        if (failure is not null)
        {
            await WriteFailureAsync(http, serializer, failure);
            return;
        }
        var request = parsed!;
        if (access.PreviewItem(http.User) is not null && GraphQLExecutor.OperationTypeOf(request) is { } kind and not GraphQLParser.AST.OperationType.Query)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            var queriesOnly = new ExecutionResult { Errors = [new ExecutionError($"A preview token may only run queries, not a {kind.ToString().ToLowerInvariant()}.") { Code = Queries.ContentListResolver.Unauthorized }] };
            await WriteAsync(http, StatusCodes.Status401Unauthorized, serializer.ToUtf8Bytes(queriesOnly));
            return;
        }
        ResponseCache.Slot? slot = null;
        if (cache.Enabled && (known ??= KnownOf(request, serializer)) is { } key)
        {
            slot = cache.SlotFor(key.RequestKey, key.NormalizedQuery, identity, changes);
        }
        if (slot is { } found && cache.Find(found) is { } hit)
        {
            http.Response.Headers[CacheHeader] = "HIT";
            await WriteOkAsync(http, hit, isPublic);
            return;
        }
        if (reader.Precheck(request) is { } refused)
        {
            await WriteFailureAsync(http, serializer, refused);
            return;
        }
        var (result, tags) = await executor.ExecuteAsync(request, http);
        var status = GraphQLExecutor.StatusCodeFor(result);
        var body = serializer.ToUtf8Bytes(result);
        if (status != StatusCodes.Status200OK || result.Errors is { Count: > 0 })
        {
            await WriteAsync(http, status, body);
            return;
        }
        var entry = new ResponseCache.Entry(body, ResponseCache.ETagOf(body), tags.HeaderValue());
        if (slot is { } missed)
        {
            var read = await ReadDependenciesAsync(http, schemas, dependencies, request, result, missed);
            cache.Add(missed, entry, read, read.ItemsFor(request.Variables));
            http.Response.Headers[CacheHeader] = "MISS";
            // Only a body whose answer was cached is remembered: refused and failing bodies take no room from others.
            if (json is not null && known is not null)
            {
                keys.Remember(json, known);
            }
        }
        await WriteOkAsync(http, entry, isPublic);
    }

    // What the answer read, so that a change evicts it only when it touched that (a new schema means a definitions
    // change, which empties the cache and keeps this answer out of it anyway).
    private static async Task<ReadDependencies> ReadDependenciesAsync(
        HttpContext http, SchemaService schemas, ReadDependencyCache dependencies, GraphQLRequest request, ExecutionResult result, ResponseCache.Slot slot)
    {
        var schema = await schemas.GetSchemaAsync(http.RequestServices, http.RequestAborted);
        var definitions = await http.RequestServices.GetRequiredService<ContentDefinitionStore>().GetAsync(http.RequestAborted);
        return dependencies.For(schema, slot.NormalizedQuery, request.OperationName,
            () => result.Document ?? GraphQLParser.Parser.Parse(request.Query!), name => definitions.FindType(name) is not null);
    }

    // The response cache's key of a request; none when its variables cannot be written back as JSON (a number beyond
    // a double's range), which the precheck then refuses.
    private static RequestKeys.Known? KnownOf(GraphQLRequest request, ResultSerializer serializer)
    {
        var normalized = QueryText.Normalize(request.Query!);
        string? variables = null;
        if (request.Variables is { Count: > 0 } inputs)
        {
            try
            {
                variables = serializer.Serialize(inputs);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
        return new RequestKeys.Known(ResponseCache.RequestKey(normalized, variables, request.OperationName), normalized);
    }

    private static async Task WriteFailureAsync(HttpContext http, ResultSerializer serializer, GraphQLRequestReader.Failure failure)
    {
        var problem = new ExecutionError(failure.Message) { Code = failure.Code };
        if (failure.Location is { } location)
        {
            problem.AddLocation(location);
        }
        var error = new ExecutionResult { Errors = [problem] };
        await WriteAsync(http, failure.StatusCode, serializer.ToUtf8Bytes(error));
    }

    // GET answers may be kept by browsers and CDNs, but are checked again each time: the ETag makes that a 304.
    private static Task WriteOkAsync(HttpContext http, ResponseCache.Entry entry, bool isPublic)
    {
        if (entry.CacheTag is { } cacheTag)
        {
            http.Response.Headers[ReadTags.Header] = cacheTag;
        }
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return WriteAsync(http, StatusCodes.Status200OK, entry.Body);
        }
        var headers = http.Response.Headers;
        headers.ETag = entry.ETag;
        headers.CacheControl = isPublic ? "public, no-cache" : "private, no-cache";
        headers.Vary = "Authorization, Cookie";
        if (IfNoneMatch(http.Request, entry.ETag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        return WriteAsync(http, StatusCodes.Status200OK, entry.Body);
    }

    private static bool IfNoneMatch(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));

    private static async Task WriteAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
