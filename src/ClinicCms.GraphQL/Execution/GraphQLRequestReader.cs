using System.Buffers;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Reads a request in Orchard's HTTP forms: POST application/json, POST application/graphql, POST of
/// another kind or GET with query, variables and operationName in the query string. Bodies are size-limited.
/// </summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer, IOptions<GraphQLOptions> options)
{
    public sealed record Failure(int StatusCode, string Message, string Code = "REQUEST_ERROR", GraphQLParser.Location? Location = null);

    /// <summary>
    /// The body of a POST sent as JSON, read whole (null for other requests): what <see cref="Parse"/> reads, and what
    /// <see cref="RequestKeys"/> knows the response cache's key of.
    /// </summary>
    public async Task<(string? Body, Failure? Failure)> ReadJsonBodyAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !IsJson(MediaTypeOf(http.Request)))
        {
            return (null, null);
        }
        try
        {
            return (await ReadBodyAsync(http), null);
        }
        catch (UnreadableBodyException e)
        {
            return (null, e.Failure);
        }
    }

    /// <summary>A request sent as a JSON body (<see cref="ReadJsonBodyAsync"/>).</summary>
    public (GraphQLRequest? Request, Failure? Failure) Parse(string jsonBody)
    {
        try
        {
            if (jsonBody.TrimStart().StartsWith('['))
            {
                throw new JsonException("batched requests (a JSON array) are not supported; send one request object.");
            }
            return Checked(serializer.Deserialize<GraphQLRequest>(jsonBody));
        }
        catch (JsonException e)
        {
            return (null, NotJson(e));
        }
        catch (ArgumentException e)
        {
            return (null, DuplicateKey(e));
        }
    }

    /// <summary>A request in any other form: GET, application/graphql, or a POST of another kind.</summary>
    public async Task<(GraphQLRequest? Request, Failure? Failure)> ReadAsync(HttpContext http)
    {
        try
        {
            var request = HttpMethods.IsPost(http.Request.Method) && MediaTypeOf(http.Request) == "application/graphql"
                ? new GraphQLRequest { Query = await ReadBodyAsync(http), OperationName = http.Request.Query["operationName"] }
                : FromQueryString(http.Request.Query);
            return Checked(request);
        }
        catch (UnreadableBodyException e)
        {
            return (null, e.Failure);
        }
        catch (JsonException e)
        {
            return (null, NotJson(e));
        }
        catch (ArgumentException e)
        {
            return (null, DuplicateKey(e));
        }
    }

    private static (GraphQLRequest?, Failure?) Checked(GraphQLRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Query)
            ? (null, new Failure(StatusCodes.Status400BadRequest, "No query: send {\"query\": \"...\"} as JSON, a GraphQL document as application/graphql, or ?query= in the URL."))
            : (request, null);

    private static Failure TooLarge(long limit) => new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");

    private static Failure NotJson(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
        if (!e.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            return new Failure(StatusCodes.Status400BadRequest, $"The request is not valid JSON{where}: {e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]}");
        }
        // Valid JSON of the wrong shape: the message would name the .NET type being read, which tells a client nothing.
        var reason = e.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("surrogate", StringComparison.Ordinal)
            ? "a string holds an unpaired UTF-16 surrogate (an escaped \\uD800-\\uDFFF without its pair), which is not text"
            : e.Message.Contains("GraphQL.Inputs", StringComparison.Ordinal)
                ? "variables and extensions must each be a JSON object"
                : "query and operationName must be strings, variables and extensions JSON objects";
        return new Failure(StatusCodes.Status400BadRequest, $"The request could not be read{where}: {reason}.");
    }

    // GraphQL.NET reads variables and extensions into dictionaries, which refuse a key given twice in one object. The
    // key is not echoed: it may hold a lone surrogate, which the answer's JSON could not carry.
    private static Failure DuplicateKey(ArgumentException e) => new(StatusCodes.Status400BadRequest, e.Message.Contains("same key", StringComparison.Ordinal)
        ? "The request's variables or extensions name a key twice in one object; send each key once."
        : "The request's variables or extensions could not be read; send each as a JSON object of distinct keys.");

    private static string? MediaTypeOf(HttpRequest request) => request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();

    private static bool IsJson(string? mediaType) => mediaType == "application/json" || (mediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false);

    /// <summary>
    /// The cheap checks that bound the parser's work (<see cref="QueryPrecheck"/>); run on a response-cache miss only,
    /// since a cached answer's query passed them already.
    /// </summary>
    public Failure? Precheck(GraphQLRequest request) =>
        (QueryPrecheck.Check(request.Query!, options.Value.MaxTokens) ?? QueryPrecheck.CheckVariables(request.Variables, options.Value.MaxTokens)) is { } problem
            ? new Failure(StatusCodes.Status400BadRequest, problem.Message, problem.Code, problem.Location)
            : null;

    private GraphQLRequest FromQueryString(IQueryCollection query) => new()
    {
        Query = query["query"],
        OperationName = query["operationName"],
        Variables = string.IsNullOrEmpty(query["variables"]) ? null : serializer.Deserialize<Inputs>(query["variables"]),
    };

    // Into a pooled buffer: a new one per request was the largest allocation of a small query.
    private async Task<string> ReadBodyAsync(HttpContext http)
    {
        var max = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > max)
        {
            throw new UnreadableBodyException(TooLarge(max));
        }
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(http.Request.ContentLength ?? 1024, 256, max) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted)) > 0)
            {
                length += read;
                if (length > max)
                {
                    throw new UnreadableBodyException(TooLarge(max));
                }
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own checks (its size limit, chunk framing, a body arriving too slowly): the client's mistake,
            // answered here rather than left to Kestrel to log as the server's error.
            throw new UnreadableBodyException(e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(Math.Min(max, http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? max))
                : new Failure(e.StatusCode, "The body could not be read: " + e.Message));
        }
        catch (IOException e) when (e.InnerException is OverflowException)
        {
            // Kestrel's one framing failure that is not a BadHttpRequestException: a chunk size beyond its range.
            throw new UnreadableBodyException(new Failure(StatusCodes.Status400BadRequest, "The body could not be read: its chunk framing is not valid."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class UnreadableBodyException(Failure failure) : Exception
    {
        public Failure Failure { get; } = failure;
    }
}
