using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Api;

/// <summary>
/// Reads a review step's body. Read here rather than bound: the generated binding answers a body it cannot read with
/// a 400 that names the C# type (or nothing at all), where a client needs to hear what is wrong with its JSON.
/// </summary>
internal static class ReviewBodyReader
{
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] Properties = ["Action", "Comment", "ConcurrencyStamp"];

    /// <summary>The body, null when it is empty; or the problem to answer.</summary>
    public static async Task<(ContentReviewApi.ReviewBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpContext http)
    {
        var (utf8, problem) = await JsonRequestBody.ReadAsync(http, MaxBodyBytes);
        if (problem is not null)
        {
            return (null, problem);
        }
        if (utf8!.Length == 0)
        {
            return (null, null);
        }
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive });
        }
        catch (JsonException e)
        {
            return (null, JsonRequestBody.NotJson(e));
        }
        if (node is not JsonObject json)
        {
            return (null, Problem("The body must be a JSON object: { \"Action\": \"Request\" | \"Approve\" | \"RequestChanges\", \"Comment\": \"...\", \"ConcurrencyStamp\": \"...\" }."));
        }
        try
        {
            if (TextCheck.FindInvalid(json, "") is { } invalid)
            {
                return (null, Problem($"{invalid}: {TextCheck.Problem}."));
            }
            foreach (var name in Properties)
            {
                if (json[name] is { } value && value.GetValueKind() != JsonValueKind.String)
                {
                    return (null, Problem($"{name} must be a JSON string, not {Describe(value.GetValueKind())}."));
                }
            }
            return (json.Deserialize<ContentReviewApi.ReviewBody>(options), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            // JsonObject finds a repeated property name only when it is first read.
            return (null, Problem("The body has a property name twice in one object, or one that is not valid text."));
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static ProblemHttpResult Problem(string detail, int status = StatusCodes.Status400BadRequest) => TypedResults.Problem(detail, statusCode: status);
}
