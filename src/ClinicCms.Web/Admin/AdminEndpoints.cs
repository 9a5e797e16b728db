using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;
using ClinicCms.GraphQL.Rendering;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace ClinicCms.Web.Admin;

/// <summary>Small JSON endpoints the admin's scripts call: the Markdown preview and the content picker's search.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapClinicCmsAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/api").RequireAuthorization(Policies.AccessAdminPanel);
        group.MapPost("/markdown", PreviewMarkdownAsync);
        group.MapGet("/content", SearchAsync);
        return group;
    }

    /// <summary>Markdown rendered as frontends get it (sanitized). Posted with the page's antiforgery token.</summary>
    private static async Task<IResult> PreviewMarkdownAsync(HttpContext http, IAntiforgery antiforgery, MarkdownRenderer markdown)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem("The markdown is posted as a form (application/x-www-form-urlencoded or multipart/form-data).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        IFormCollection form;
        try
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest(new { error = "The antiforgery token is missing or invalid." });
            }
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (Unreadable(e, http) is { } reason)
        {
            // A multipart body without its boundary, say, or cut short
            return Results.Json(new { error = $"The form could not be read: {reason.Message}" },
                statusCode: reason is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
        }
        var html = markdown.ToCheckedHtml(form["markdown"].ToString(), out var problem);
        return html is null
            ? Results.BadRequest(new { error = $"Markdown: {problem}." }) // as a save would refuse it
            : Results.Text(html, "text/html; charset=utf-8");
    }

    // The body, not the server, is at fault: a form the reader refused, a multipart body cut short (the reader's own
    // IOException), or one Kestrel refused; a reset is left to ClientAborts, and any other IOException (the disk the
    // form is buffered to) is the server's. Antiforgery reads the form itself when no token header came, and wraps
    // what it could not read.
    private static Exception? Unreadable(Exception e, HttpContext http) => e switch
    {
        AntiforgeryValidationException { InnerException: { } read } => Unreadable(read, http),
        _ when ClientAborts.IsClientAbort(e, http) => null,
        InvalidDataException or IOException { Source: "Microsoft.AspNetCore.WebUtilities" } => e,
        _ => ClientAborts.RefusedBody(e),
    };

    /// <summary>Picker options: only items the caller could open, so a Contributor never sees another user's draft titles.</summary>
    private static async Task<IResult> SearchAsync(string? q, string? types, HttpContext http, AdminContentQueries queries, ContentAuthorizer authorizer,
        ContentDefinitionStore definitions, CancellationToken cancellationToken)
    {
        var wanted = (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var visibility = await authorizer.VisibilityAsync(http.User, cancellationToken);
        var items = await queries.SearchAsync(visibility, wanted, q, 50, cancellationToken);
        var labels = TypeLabels.Of(await definitions.GetAsync(cancellationToken));
        return Results.Json(items.Select(i => new { id = i.ContentItemId, text = $"{i.DisplayText} ({labels[i.ContentType]})" }));
    }
}
