using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

// The benchmark's yardstick: a bare ASP.NET Core process that answers POST /api/graphql with the bytes and headers
// ClinicCms answered for the same request body, read from the answers file the benchmark wrote.
// dotnet BareHost.dll --answers FILE --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var media = builder.Configuration["media"];
var answers = media is not null ? Answer.None : Answer.Load(builder.Configuration["answers"] ?? throw new InvalidOperationException("--answers FILE is required."));
var app = builder.Build();

// The images benchmark's yardstick: GET /media/... answers one file's bytes from memory.
// dotnet BareHost.dll --media FILE --media-type TYPE --urls http://127.0.0.1:PORT
if (media is not null)
{
    var bytes = File.ReadAllBytes(media);
    var type = builder.Configuration["media-type"] ?? "application/octet-stream";
    app.MapGet("/media/{**path}", (HttpContext http) =>
    {
        http.Response.ContentType = type;
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    });
}

app.MapPost("/api/graphql", async (HttpContext http) =>
{
    // The whole body is read, as a GraphQL server must before it can answer.
    var body = await http.Request.BodyReader.ReadAsync(http.RequestAborted);
    while (!body.IsCompleted)
    {
        http.Request.BodyReader.AdvanceTo(body.Buffer.Start, body.Buffer.End);
        body = await http.Request.BodyReader.ReadAsync(http.RequestAborted);
    }
    var request = Encoding.UTF8.GetString(body.Buffer);
    http.Request.BodyReader.AdvanceTo(body.Buffer.End);
    if (!answers.TryGetValue(request, out var answer))
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }
    var headers = http.Response.Headers;
    foreach (var (name, value) in answer.Headers)
    {
        headers[name] = value;
    }
    http.Response.ContentLength = answer.Body.Length;
    await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
});

await app.RunAsync();

/// <summary>One recorded exchange: the request body, and the response's headers (without Date, Server and framing) and body.</summary>
internal sealed record Answer(KeyValuePair<string, StringValues>[] Headers, byte[] Body)
{
    public static FrozenDictionary<string, Answer> None { get; } = FrozenDictionary<string, Answer>.Empty;

    public static FrozenDictionary<string, Answer> Load(string path)
    {
        using var file = JsonDocument.Parse(File.ReadAllBytes(path));
        return file.RootElement.EnumerateArray().ToFrozenDictionary(
            e => e.GetProperty("request").GetString()!,
            e => new Answer(
                e.GetProperty("headers").EnumerateObject().Select(h => KeyValuePair.Create(h.Name, new StringValues(h.Value.GetString()))).ToArray(),
                Convert.FromBase64String(e.GetProperty("body").GetString()!)),
            StringComparer.Ordinal);
    }
}
