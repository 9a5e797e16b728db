using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Import;
using ClinicCms.Content.Security;
using ClinicCms.Content.Validation;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClinicCms.Web.Api;

/// <summary>
/// Orchard's REST content API: GET and DELETE /api/content/{id} on the published version, POST to create
/// or update (then publish, unless ?draft=true). The group needs AccessContentApi; each item its own permission.
/// </summary>
public static class ContentApi
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapClinicCmsContentApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/content")
            .RequireAuthorization(Policies.AccessContentApi)
            .RequireRateLimiting(RateLimits.Api)
            .AddEndpointFilter(InvalidBearerTokenFilter.Rest)
            .DisableAntiforgery()
            .WithTags("Content");
        group.MapGet("/{contentItemId}", GetAsync).WithName("GetContentItem").WithSummary("The published version of a content item.")
            .AddOpenApiOperationTransformer(ItemETag.DescribeVersioned);
        group.MapDelete("/{contentItemId}", DeleteAsync).WithName("DeleteContentItem").WithSummary("Deletes a content item (its history is kept).")
            .AddOpenApiOperationTransformer(ItemETag.DescribeConditional);
        group.MapPost("/", PostAsync).WithName("PostContentItem")
            .WithSummary("Creates or updates a content item, then publishes it unless draft=true.")
            .AddOpenApiOperationTransformer(JsonBody<JsonObject>)
            .AddOpenApiOperationTransformer(ItemETag.DescribeConditional)
            .AddOpenApiOperationTransformer(ItemETag.DescribeVersioned)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The handler reads draft itself (for a 400 that says what is wrong); the document still says what it is.
                (operation.Parameters ??= []).Add(new OpenApiParameter
                {
                    Name = "draft",
                    In = ParameterLocation.Query,
                    Description = "true saves a draft; false (the default) publishes.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false },
                });
                return Task.CompletedTask;
            });
        group.MapPost("/{contentItemId}/review", ContentReviewApi.ReviewAsync).WithName("ReviewContentItem")
            .AddOpenApiOperationTransformer(JsonBody<ContentReviewApi.ReviewBody>)
            .AddOpenApiOperationTransformer(ItemETag.DescribeConditional)
            .AddOpenApiOperationTransformer(ItemETag.DescribeVersioned)
            .WithSummary("A review step on the item's draft: Request, Approve or RequestChanges, with a comment.");
        return group;
    }

    // The request body as the document describes it. Not declared with Accepts, whose routing check would answer a
    // wrong Content-Type with a bare 415 before authorization: the handlers' body reader says what is wrong instead.
    // The schema is a named component, as the framework's binding made it, so that generated clients name the type.
    private static async Task JsonBody<TBody>(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken);
        if (context.Document is { } document)
        {
            document.AddComponent(typeof(TBody).Name, schema);
            schema = new OpenApiSchemaReference(typeof(TBody).Name, document);
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    public static async Task<Results<ContentHttpResult, NotFound, ChallengeOrForbidHttpResult>> GetAsync(
        string contentItemId, HttpContext http, ContentService content, ContentAuthorizer authorizer)
    {
        var item = await content.GetAsync(contentItemId, VersionOptions.Published, http.RequestAborted);
        if (item is null)
        {
            return TypedResults.NotFound();
        }
        return await authorizer.CanAsync(http.User, Permissions.ViewContent, item, http.RequestAborted) ? Versioned(http, item) : ChallengeOrForbidHttpResult.Instance;
    }

    public static async Task<Results<ContentHttpResult, NotFound, ChallengeOrForbidHttpResult, ProblemHttpResult>> DeleteAsync(
        string contentItemId, HttpContext http, ContentService content, ContentAuthorizer authorizer)
    {
        var item = await content.GetAsync(contentItemId, VersionOptions.Published, http.RequestAborted);
        if (item is null)
        {
            return TypedResults.NotFound();
        }
        if (!await authorizer.CanAsync(http.User, Permissions.DeleteContent, item, http.RequestAborted))
        {
            return ChallengeOrForbidHttpResult.Instance;
        }
        // Against the published version, which is what GET answers with its ETag; still that one when the delete runs.
        if (ItemETag.Check(http.Request, item) is { } failed)
        {
            return failed;
        }
        var expected = ItemETag.HeldStamp(http.Request, item);
        var deleted = await content.DeleteAsync(contentItemId, PermissionService.WriterOf(http), expected, http.RequestAborted);
        if ((deleted.IsStale || deleted.IsNotFound) && expected is not null)
        {
            // Changed or deleted between the check above and the delete: the precondition failed after all.
            return await ItemETag.FailedSinceAsync(http.Request, content.GetAsync(contentItemId, VersionOptions.Published, http.RequestAborted), deleted);
        }
        if (deleted.IsConflict)
        {
            return TypedResults.Problem(deleted.Errors[0].Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        return deleted.IsNotFound ? TypedResults.NotFound() : Item(item);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult, ChallengeOrForbidHttpResult>> PostAsync(
        HttpContext http, ContentService content, ContentAuthorizer authorizer, ContentDefinitionStore definitions)
    {
        // PublishContent implies EditContent, for any type and for one's own items alike.
        if (!await authorizer.MayUseOnSomeItemAsync(http.User, [Permissions.EditContent], http.RequestAborted))
        {
            return ChallengeOrForbidHttpResult.Instance;
        }
        var (posted, problem) = await ReadItemAsync(http);
        if (posted is null)
        {
            return problem!;
        }
        // Read here, not bound as a bool: a bound value that does not parse is a 400 without a word. An empty value
        // (?draft=) is refused too, as publishing would be a guess: a value given must say which.
        // Exactly true or false: bool.TryParse also takes spaces and NULs around them.
        var draft = http.Request.Query.TryGetValue("draft", out var given) && given is [var value] && "true".Equals(value, StringComparison.OrdinalIgnoreCase);
        if (given.Count > 0 && !draft && !(given is [var other] && "false".Equals(other, StringComparison.OrdinalIgnoreCase)))
        {
            return Invalid([new ContentError("draft", "The draft query value must be true or false.")]);
        }
        var user = PermissionService.WriterOf(http);
        var latest = string.IsNullOrEmpty(posted.ContentItemId) ? null : await content.GetAsync(posted.ContentItemId, VersionOptions.Latest, http.RequestAborted);
        Func<Task<ContentSaveResult>> save;
        if (latest is not null)
        {
            if (!await authorizer.CanAsync(http.User, draft ? Permissions.EditContent : Permissions.PublishContent, latest, http.RequestAborted))
            {
                return ChallengeOrForbidHttpResult.Instance;
            }
            if (ItemETag.Check(http.Request, latest) is { } failed)
            {
                return failed;
            }
            user = user with
            {
                CanReview = await authorizer.CanAsync(http.User, Permissions.ReviewContent, latest, http.RequestAborted),
                CanPublish = await authorizer.CanAsync(http.User, Permissions.PublishContent, latest, http.RequestAborted),
                CanEditOthers = await authorizer.ScopeAsync(http.User, Permissions.EditContent, latest.ContentType, http.RequestAborted) == ClinicCms.GraphQL.Queries.ReadScope.All,
            };
            // Orchard merges the body into the latest version; ids, type, flags and dates in the body are ignored.
            var edit = ImportMerge.Merge(latest, posted);
            (edit.ContentItemId, edit.ContentItemVersionId, edit.ContentType, edit.Latest, edit.Published) =
                (latest.ContentItemId, latest.ContentItemVersionId, latest.ContentType, latest.Latest, latest.Published);
            (edit.CreatedUtc, edit.ModifiedUtc, edit.PublishedUtc, edit.ConcurrencyStamp) = (latest.CreatedUtc, latest.ModifiedUtc, latest.PublishedUtc, latest.ConcurrencyStamp);
            edit.Owner = latest.Owner; // the owner decides who may edit and publish it under the Own permissions: not the caller's to change
            save = () => content.SaveDraftAsync(edit, user, http.RequestAborted);
        }
        else
        {
            if ((await definitions.GetAsync(http.RequestAborted)).FindType(posted.ContentType) is null)
            {
                return Invalid([new ContentError("ContentType", $"'{posted.ContentType}' is not a content type")]);
            }
            var created = posted.Clone();
            created.ContentItemId = IdGenerator.NewId(); // a posted id that does not exist is not used (Orchard)
            created.Owner = user.Id;
            created.Author = user.Name;
            if (!await authorizer.CanAsync(http.User, draft ? Permissions.EditContent : Permissions.PublishContent, created, http.RequestAborted))
            {
                return ChallengeOrForbidHttpResult.Instance;
            }
            if (ItemETag.Check(http.Request, null) is { } failed)
            {
                return failed; // a version was named, and this item has none
            }
            user = user with
            {
                CanReview = await authorizer.CanAsync(http.User, Permissions.ReviewContent, created, http.RequestAborted),
                CanPublish = await authorizer.CanAsync(http.User, Permissions.PublishContent, created, http.RequestAborted),
                CanEditOthers = await authorizer.ScopeAsync(http.User, Permissions.EditContent, created.ContentType, http.RequestAborted) == ClinicCms.GraphQL.Queries.ReadScope.All,
            };
            save = () => content.CreateAsync(created, publish: false, user, http.RequestAborted);
        }
        // The save and the publish are one change: a publish refused for want of an approved review keeps nothing.
        var saved = await content.AllOrNothingAsync(async () =>
        {
            var result = await save();
            return result.Succeeded && !draft ? await content.PublishAsync(result.Item!.ContentItemId, user, cancellationToken: http.RequestAborted) : result;
        }, http.RequestAborted);
        if (saved.IsRefused)
        {
            return TypedResults.Problem(saved.Errors[0].Message, statusCode: StatusCodes.Status403Forbidden, title: "Approval required");
        }
        if ((saved.IsStale || saved.IsNotFound) && ItemETag.IsConditional(http.Request))
        {
            // Changed or deleted between the check above and the save: the precondition failed after all.
            return await ItemETag.FailedSinceAsync(http.Request, content.GetAsync(posted.ContentItemId!, VersionOptions.Latest, http.RequestAborted), saved);
        }
        if (saved.IsConflict)
        {
            return TypedResults.Problem(saved.Errors[0].Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        return saved.Succeeded ? Versioned(http, saved.Item!) : Invalid(saved.Errors);
    }

    private static async Task<(ContentItem? Item, ProblemHttpResult? Problem)> ReadItemAsync(HttpContext http)
    {
        var (utf8, problem) = await JsonRequestBody.ReadAsync(http, MaxBodyBytes);
        if (problem is not null)
        {
            return (null, problem);
        }
        if (utf8!.Length == 0)
        {
            return (null, TypedResults.Problem("The body is empty: send a content item as a JSON object.", statusCode: StatusCodes.Status400BadRequest));
        }
        try
        {
            if (JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) is not JsonObject json)
            {
                return (null, TypedResults.Problem("The body must be a content item: a JSON object.", statusCode: StatusCodes.Status400BadRequest));
            }
            if (TextCheck.FindInvalid(json, "") is { } invalid)
            {
                return (null, TypedResults.Problem($"{invalid}: {TextCheck.Problem}.", statusCode: StatusCodes.Status400BadRequest));
            }
            // An item's keys besides its root values are parts (objects) or Orchard's arrays: a plain value there would
            // be dropped on reading, and the part it names left as it was or given defaults.
            if (json.FirstOrDefault(p => p.Value is JsonValue && !ContentItemJson.IsRootKey(p.Key)) is { Key: { } key, Value: var scalar })
            {
                var kind = scalar!.GetValueKind() switch { JsonValueKind.String => "a string", JsonValueKind.Number => "a number", _ => "true or false" };
                var root = ContentItemRoot.Values.FirstOrDefault(r => r.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
                return (null, TypedResults.Problem(root is null
                    ? $"'{key}': expected an object (a part) or an array, got {kind}."
                    : $"'{key}': an item's root values are named as Orchard names them ('{root.Name}'); any other name is a part, an object.", statusCode: StatusCodes.Status400BadRequest));
            }
            return (ContentItemJson.FromJson(json), null);
        }
        catch (JsonException e)
        {
            return (null, JsonRequestBody.NotJson(e));
        }
        catch (ContentJsonException e)
        {
            return (null, TypedResults.Problem($"{e.Path}: {e.Problem}", statusCode: StatusCodes.Status400BadRequest));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // JsonObject finds a repeated or unpaired-surrogate property name only when it is first read.
            return (null, TypedResults.Problem("The body has a property name twice in one object, or one that is not valid text (an unpaired surrogate).", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static ValidationProblem Invalid(IReadOnlyList<ContentError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        detail: string.Join(" ", errors.Select(e => e.ToString())));

    /// <summary>The item as <see cref="Item"/> gives it, with its version's ETag for a later conditional write.</summary>
    private static ContentHttpResult Versioned(HttpContext http, ContentItem item)
    {
        http.Response.Headers.ETag = ItemETag.Of(item);
        return Item(item);
    }

    /// <summary>The item as JSON, without its review record: reviewers' comments are for the editors, not for every reader.</summary>
    private static ContentHttpResult Item(ContentItem item)
    {
        var json = ContentItemJson.ToJson(item);
        json.Remove(ReviewRecord.PartName);
        return TypedResults.Content(json.ToJsonString(Json), "application/json; charset=utf-8");
    }
}
