using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace ClinicCms.Web.Api;

/// <summary>
/// HTTP's conditional writes on the content API. An answer's ETag is its version's concurrency stamp. A DELETE that
/// sends it back in If-Match applies only while the published version (what GET answers) is still that one; a POST
/// only while the item's latest version is, which a draft saved since changes: the 412 says so and names the latest
/// version's ETag, so two clients editing one item do not overwrite each other unseen. Without the header a write
/// applies to whatever is latest, as in Orchard.
/// </summary>
internal static class ItemETag
{
    public static string Of(ContentItem item) => $"\"{item.ConcurrencyStamp}\"";

    public static bool IsConditional(HttpRequest request) => request.Headers.IfMatch.Count > 0;

    /// <summary>
    /// The stamp the store holds a write to once <see cref="Check"/> let it through: the checked version's, so that a
    /// change in between fails it too; null without If-Match, or with one that accepts any version ("*").
    /// </summary>
    public static string? HeldStamp(HttpRequest request, ContentItem version) =>
        EntityTagHeaderValue.TryParseStrictList(request.Headers.IfMatch, out var tags) && !tags.Any(t => t.Equals(EntityTagHeaderValue.Any))
            ? version.ConcurrencyStamp
            : null;

    /// <summary>Null when the write may go on (no If-Match, or one that matches <paramref name="version"/>); else the answer.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, ContentItem? version)
    {
        if (!IsConditional(request))
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseStrictList(request.Headers.IfMatch, out var tags) || tags.Count == 0)
        {
            return TypedResults.Problem("If-Match must be \"*\" or a list of quoted entity tags, as the item's ETag header gave them.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (version is null)
        {
            return Failed("If-Match names a version, but there is no such item.");
        }
        var current = Of(version);
        // Strong comparison: a weak tag never matches a write's precondition.
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Equals(current)))
            ? null
            : Failed("The item has changed since that version: " + (version.Published
                ? $"its published version's ETag is {current}."
                : $"its latest version is a draft, whose ETag is {current}."));
    }

    /// <summary>The 412 of a write whose version changed after it was checked: named as <see cref="Check"/> names it.</summary>
    public static async Task<ProblemHttpResult> FailedSinceAsync(HttpRequest request, Task<ContentItem?> now, ContentSaveResult refused) =>
        Check(request, await now) ?? Failed(refused.Errors[0].Message);

    public static ProblemHttpResult Failed(string message) =>
        TypedResults.Problem(message, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");

    /// <summary>The OpenAPI description of a write that takes If-Match: the header, and its 412.</summary>
    public static Task DescribeConditional(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        (operation.Parameters ??= []).Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Description = "An ETag this API gave (quoted), or *: the write applies only while the item's version still has it.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        (operation.Responses ??= [])["412"] = new OpenApiResponse { Description = "The item has changed since the version If-Match names; the answer names the current ETag." };
        return Task.CompletedTask;
    }

    /// <summary>The OpenAPI description of an answer that carries an item's ETag.</summary>
    public static Task DescribeVersioned(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var responses = operation.Responses ??= [];
        if (!responses.TryGetValue("200", out var ok) || ok is not OpenApiResponse response)
        {
            responses["200"] = response = new OpenApiResponse { Description = "OK" };
        }
        (response.Headers ??= new Dictionary<string, IOpenApiHeader>())["ETag"] = new OpenApiHeader
        {
            Description = "The version's concurrency stamp, for If-Match on a later write.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        return Task.CompletedTask;
    }
}
