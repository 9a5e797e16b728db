using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace ClinicCms.Web.Preview;

/// <summary>
/// POST /api/preview-tokens with <c>{ "ContentItemId": "..." }</c>: a preview token for the item, for an editor
/// signed in with the admin's cookie (the post carries the antiforgery token, in the RequestVerificationToken header)
/// or an API client's bearer token. Answers <c>{ token, expiresUtc, url }</c>.
/// </summary>
public static partial class PreviewTokenEndpoint
{
    public const string Path = "/api/preview-tokens";
    private const int MaxBodyBytes = 4096;

    public static RouteGroupBuilder MapClinicCmsPreviewTokens(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Path).RequireRateLimiting(RateLimits.Api).DisableAntiforgery().WithTags("Preview");
        group.MapPost("", IssueAsync).WithName("IssuePreviewToken").WithSummary("A short-lived token that reads the item's drafts through GraphQL.");
        return group;
    }

    private static async Task<IResult> IssueAsync(HttpContext http, IAntiforgery antiforgery, PreviewTokenIssuer issuer)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Sign in, or send an API client's access token, to get a preview token.");
        }
        var bearer = Security.BearerToken.Of(http.Request) is not null;
        if (!bearer && !await antiforgery.IsRequestValidAsync(http))
        {
            return Problem(StatusCodes.Status400BadRequest, "The antiforgery token is missing or invalid (send it in the RequestVerificationToken header).");
        }
        var (id, problem) = await ReadItemIdAsync(http);
        if (id is null)
        {
            return Problem(StatusCodes.Status400BadRequest, problem!);
        }
        var (issued, status, refusal) = await issuer.IssueAsync(http.User, PermissionService.WriterOf(http), id, http.RequestAborted);
        return issued is null
            ? Problem(status, refusal!)
            : Results.Json(new { token = issued.Token, expiresUtc = issued.ExpiresUtc.UtcDateTime, url = issued.Url });
    }

    private static async Task<(string? Id, string? Problem)> ReadItemIdAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, $"The body is larger than {MaxBodyBytes} bytes.");
        }
        var buffer = new byte[MaxBodyBytes + 1];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await http.Request.Body.ReadAsync(buffer.AsMemory(read), http.RequestAborted)) > 0)
        {
            read += count;
        }
        if (read > MaxBodyBytes)
        {
            return (null, $"The body is larger than {MaxBodyBytes} bytes.");
        }
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON; send { \"ContentItemId\": \"...\" }.");
        }
        if (body is not JsonObject json)
        {
            return (null, "The body must be a JSON object: { \"ContentItemId\": \"...\" }.");
        }
        JsonNode? value;
        try
        {
            value = json["ContentItemId"] ?? json["contentItemId"];
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return (null, "The body has a property name twice, or one that is not valid text.");
        }
        string? id;
        try
        {
            id = value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;
        }
        catch (InvalidOperationException)
        {
            return (null, "ContentItemId is not valid text (an unpaired surrogate).");
        }
        if (string.IsNullOrEmpty(id))
        {
            return (null, "ContentItemId is required: the id of the item to preview, as a string.");
        }
        return ItemId().IsMatch(id) ? (id, null) : (null, "ContentItemId is not a content item id: at most 64 letters, digits, '-' or '_'.");
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail, statusCode: status);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ItemId();
}
