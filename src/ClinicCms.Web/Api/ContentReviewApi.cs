using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicCms.Web.Api;

/// <summary>
/// POST /api/content/{id}/review: the author requests a review of the draft (EditContent on the item), a reviewer
/// approves it or requests changes (ReviewContent, or Review_{Type} for a Securable type). Answers the draft's review.
/// </summary>
public static class ContentReviewApi
{
    /// <summary>The body: <c>{ "Action": "Request" | "Approve" | "RequestChanges", "Comment": "..." }</c>.</summary>
    /// <param name="ConcurrencyStamp">The draft's stamp as the caller read it (required to approve): a draft changed since answers 409.</param>
    public sealed record ReviewBody(string? Action, string? Comment = null, string? ConcurrencyStamp = null);

    /// <summary>The draft's review after the step.</summary>
    public sealed record ReviewAnswer(string ContentItemId, string ContentItemVersionId, string State,
        string? RequestedBy, DateTime? RequestedUtc, string? ReviewedBy, DateTime? ReviewedUtc, string? Comment, string? RequestComment);

    private static readonly Dictionary<string, ReviewAction> Actions = new(StringComparer.Ordinal)
    {
        ["Request"] = ReviewAction.Request,
        ["Approve"] = ReviewAction.Approve,
        ["RequestChanges"] = ReviewAction.RequestChanges,
    };

    public static async Task<Results<Ok<ReviewAnswer>, ProblemHttpResult, ChallengeOrForbidHttpResult>> ReviewAsync(
        string contentItemId, HttpContext http, ContentService content, ContentAuthorizer authorizer)
    {
        if (!await authorizer.MayUseOnSomeItemAsync(http.User, [Permissions.EditContent, Permissions.ReviewContent], http.RequestAborted))
        {
            return ChallengeOrForbidHttpResult.Instance;
        }
        var (body, problem) = await ReviewBodyReader.ReadAsync(http);
        if (problem is not null)
        {
            return problem;
        }
        if (body?.Action is null || !Actions.TryGetValue(body.Action, out var action))
        {
            return TypedResults.Problem($"Action must be one of {string.Join(", ", Actions.Keys)}.", statusCode: StatusCodes.Status400BadRequest);
        }
        var item = await content.GetAsync(contentItemId, VersionOptions.Latest, http.RequestAborted);
        if (item is null)
        {
            return TypedResults.Problem($"There is no content item '{contentItemId}'.", statusCode: StatusCodes.Status404NotFound);
        }
        if (!await authorizer.CanAsync(http.User, action == ReviewAction.Request ? Permissions.EditContent : Permissions.ReviewContent, item, http.RequestAborted))
        {
            return ChallengeOrForbidHttpResult.Instance;
        }
        // A reviewer decides on a draft they may read, as they read it.
        if (action != ReviewAction.Request && !await authorizer.CanAsync(http.User, Permissions.PreviewContent, item, http.RequestAborted))
        {
            return ChallengeOrForbidHttpResult.Instance;
        }
        // The draft read is named by the body's ConcurrencyStamp or, as on the other writes, by If-Match.
        if (ItemETag.Check(http.Request, item) is { } failed)
        {
            return failed;
        }
        var expectedStamp = string.IsNullOrEmpty(body.ConcurrencyStamp) ? ItemETag.HeldStamp(http.Request, item) : body.ConcurrencyStamp;
        if (action == ReviewAction.Approve && string.IsNullOrEmpty(expectedStamp))
        {
            return TypedResults.Problem("Approve needs the ConcurrencyStamp of the draft you read (GraphQL: concurrencyStamp with status: DRAFT or LATEST), in the body or as If-Match, so that a draft changed since is not approved unseen.", statusCode: StatusCodes.Status400BadRequest);
        }
        var user = PermissionService.WriterOf(http) with { CanReview = await authorizer.CanAsync(http.User, Permissions.ReviewContent, item, http.RequestAborted) };
        var result = await content.ReviewAsync(contentItemId, action, body.Comment, user, expectedStamp, http.RequestAborted);
        // Changed or deleted after the check above: the precondition failed after all.
        if ((result.IsStale || result.IsNotFound) && ItemETag.IsConditional(http.Request))
        {
            return await ItemETag.FailedSinceAsync(http.Request, content.GetAsync(contentItemId, VersionOptions.Latest, http.RequestAborted), result);
        }
        if (result.IsNotFound)
        {
            return TypedResults.Problem($"There is no content item '{contentItemId}'.", statusCode: StatusCodes.Status404NotFound);
        }
        if (result.IsConflict)
        {
            return TypedResults.Problem(result.Errors[0].Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        if (!result.Succeeded)
        {
            return TypedResults.Problem(string.Join(" ", result.Errors.Select(e => e.ToString())), statusCode: StatusCodes.Status400BadRequest);
        }
        var review = ReviewRecord.Of(result.Item!);
        http.Response.Headers.ETag = ItemETag.Of(result.Item!); // the step made a new version stamp: the next step names it
        return TypedResults.Ok(new ReviewAnswer(result.Item!.ContentItemId, result.Item.ContentItemVersionId, review.State.ToString(),
            review.RequestedBy, review.RequestedUtc, review.ReviewedBy, review.ReviewedUtc, review.Comment, review.RequestComment));
    }
}
