using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>
/// Editing an item. Saves are based on the version the editor opened: if someone saved meanwhile, the editor sees
/// what they changed and keeps their own input, and nothing is overwritten unless they choose to.
/// </summary>
public sealed class EditModel(ContentService content, ContentDefinitionStore definitions, ContentForm form, AdminActions actions,
    ClinicCms.Content.Localization.SiteCultures siteCultures)
    : EditorPageModel(content, definitions, form, actions)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>The draft's review and the review steps the user may take; null for a type that does not require review.</summary>
    public ReviewPanel? Review { get; private set; }

    public sealed record ReviewPanel(ReviewRecord Record, bool IsDraft, bool CanRequest, bool CanReview);

    /// <summary>The item's culture and its set's other items; null for a type without LocalizationPart.</summary>
    public CulturesPanel? Cultures { get; private set; }

    /// <param name="Missing">The site's cultures the set has no item in, offered for a translation when the user may create one.</param>
    public sealed record CulturesPanel(string? Culture, IReadOnlyList<ContentItem> Others, IReadOnlyList<string> Missing);

    public async Task<IActionResult> OnGetAsync()
    {
        var latest = await Items.GetAsync(Id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (latest is null || await TypeAsync(latest.ContentType) is not { } type)
        {
            return NotFound();
        }
        if (!await Actions.CanAsync(User, Permissions.EditContent, latest, HttpContext.RequestAborted))
        {
            return Refused("edit this item");
        }
        Editor = await ViewAsync(latest, type, isNew: false, latest.ContentItemVersionId, latest.ConcurrencyStamp ?? "");
        Review = await ReviewPanelAsync(latest, type);
        Cultures = await CulturesPanelAsync(latest, type);
        return Page();
    }

    private async Task<CulturesPanel?> CulturesPanelAsync(ContentItem item, ContentTypeDefinition type)
    {
        if (type.Parts.Find(p => p.PartName == PartNames.LocalizationPart) is not { } typePart)
        {
            return null;
        }
        var part = item.Get<LocalizationPart>(typePart.Name);
        var set = string.IsNullOrEmpty(part.LocalizationSet) ? []
            : (await Items.ListLocalizationsAsync(part.LocalizationSet, HttpContext.RequestAborted)).Where(i => i.ContentItemId != item.ContentItemId).ToList();
        // Every culture counts as taken, but only the versions the user may preview are linked (titles of others' drafts stay theirs).
        var others = new List<ContentItem>();
        foreach (var other in set)
        {
            if (await Actions.CanAsync(User, Permissions.PreviewContent, other, HttpContext.RequestAborted))
            {
                others.Add(other);
            }
        }
        var taken = set.Select(o => o.Get<LocalizationPart>(typePart.Name).Culture).Append(part.Culture).ToHashSet(StringComparer.Ordinal);
        var missing = string.IsNullOrEmpty(part.LocalizationSet) || !await CanCreateAsync(type) ? []
            : (await siteCultures.GetAsync(HttpContext.RequestAborted))?.SupportedCultures.Where(c => !taken.Contains(c)).ToList() ?? [];
        return new CulturesPanel(part.Culture, others, missing);
    }

    // Translating creates an item of the type: it needs what creating one needs.
    private async Task<bool> CanCreateAsync(ContentTypeDefinition type)
    {
        var item = ContentService.New(type.Name);
        item.Owner = ClinicCms.Web.Security.PermissionService.WriterOf(User).Id;
        return await Actions.CanAsync(User, Permissions.EditContent, item, HttpContext.RequestAborted);
    }

    private async Task<IActionResult> TranslateAsync(string? culture)
    {
        var source = await Items.GetAsync(Id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (source is null || await TypeAsync(source.ContentType) is not { } type)
        {
            return NotFound();
        }
        if (!await Actions.CanAsync(User, Permissions.EditContent, source, HttpContext.RequestAborted) || !await CanCreateAsync(type))
        {
            return Refused("translate this item");
        }
        var owned = ContentService.New(type.Name);
        owned.Owner = ClinicCms.Web.Security.PermissionService.WriterOf(User).Id;
        var result = await Items.TranslateAsync(Id, culture ?? "", await Actions.UserForAsync(User, owned, HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            TempData["Message"] = "Not translated: " + string.Join(" ", result.Errors.Select(e => e.ToString()));
            return Redirect($"/admin/content/{Id}/edit");
        }
        TempData["Message"] = $"Translation into {culture} created as a draft: translate its fields, and check its path.";
        return Redirect($"/admin/content/{result.Item!.ContentItemId}/edit");
    }

    private async Task<ReviewPanel?> ReviewPanelAsync(ContentItem item, ContentTypeDefinition type)
    {
        if (!type.TypeSettings.RequiresReview)
        {
            return null;
        }
        var record = ReviewRecord.Of(item);
        var isDraft = !item.Published;
        var canRequest = isDraft && record.State is ReviewState.Draft or ReviewState.ChangesRequested &&
            await Actions.CanAsync(User, Permissions.EditContent, item, HttpContext.RequestAborted);
        var canReview = isDraft && record.State == ReviewState.InReview && await Actions.CanAsync(User, Permissions.ReviewContent, item, HttpContext.RequestAborted);
        return new ReviewPanel(record, isDraft, canRequest, canReview);
    }

    public async Task<IActionResult> OnPostAsync(string action, string baseVersionId, string baseStamp, string? comment, string? culture)
    {
        switch (action)
        {
            case "translate":
                return await TranslateAsync(culture);
            case "unpublish":
                return Done(await Actions.UnpublishAsync(User, Id, HttpContext.RequestAborted), "Unpublished.");
            case "discard":
                var discarded = Done(await Actions.DiscardDraftAsync(User, Id, HttpContext.RequestAborted), "Draft discarded.");
                // A draft with no published version behind it took the item with it: back to the list.
                return await Items.GetAsync(Id, VersionOptions.Latest, HttpContext.RequestAborted) is null ? Redirect("/admin/content") : discarded;
            case "delete":
                var deleted = await Actions.DeleteAsync(User, Id, HttpContext.RequestAborted);
                TempData["Message"] = deleted ?? "Deleted. Its history is kept.";
                return Redirect(deleted is null ? "/admin/content" : $"/admin/content/{Id}/edit");
            case "request-review" or "approve" or "request-changes":
                var step = action switch { "request-review" => ReviewAction.Request, "approve" => ReviewAction.Approve, _ => ReviewAction.RequestChanges };
                return Done(await Actions.ReviewAsync(User, Id, step, comment, baseStamp, HttpContext.RequestAborted),
                    step switch { ReviewAction.Request => "Review requested.", ReviewAction.Approve => "Approved: it can be published.", _ => "Changes requested." });
            case "clone":
                var (error, clone) = await Actions.CloneAsync(User, Id, HttpContext.RequestAborted);
                TempData["Message"] = error ?? "Cloned: this is the new draft.";
                return Redirect($"/admin/content/{clone?.ContentItemId ?? Id}/edit");
        }
        return await SaveAsync(action, baseVersionId, baseStamp);
    }

    private async Task<IActionResult> SaveAsync(string action, string baseVersionId, string baseStamp)
    {
        var latest = await Items.GetAsync(Id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (latest is null || await TypeAsync(latest.ContentType) is not { } type)
        {
            return NotFound();
        }
        if (!await Actions.CanAsync(User, Permissions.EditContent, latest, HttpContext.RequestAborted))
        {
            return Refused("edit this item");
        }
        var publish = action == "publish";
        if (publish && !await Actions.CanAsync(User, Permissions.PublishContent, latest, HttpContext.RequestAborted))
        {
            return Refused("publish this item"); // refused on the server, not only hidden
        }
        // "Save mine" after a conflict: the editor has seen the other changes and chooses to replace them.
        (baseVersionId, baseStamp) = action == "overwrite" ? (latest.ContentItemVersionId, latest.ConcurrencyStamp ?? "") : (baseVersionId, baseStamp);
        var edited = await FromFormAsync(latest, type);
        edited.ContentItemVersionId = baseVersionId;
        edited.ConcurrencyStamp = baseStamp;
        var writer = await Actions.UserForAsync(User, latest, HttpContext.RequestAborted);
        ContentSaveResult? published = null;
        // Save and publish as one: a refused publish (no approved review) keeps no half-done draft.
        var saved = await Items.AllOrNothingAsync(async () =>
        {
            var draft = await Items.SaveDraftAsync(edited, writer, HttpContext.RequestAborted);
            if (!draft.Succeeded || !publish)
            {
                return draft;
            }
            published = await Items.PublishAsync(Id, writer, draft.Item!.ConcurrencyStamp, HttpContext.RequestAborted);
            return published.Succeeded ? draft : published;
        }, HttpContext.RequestAborted);
        if (published is { Succeeded: false })
        {
            Editor = await ViewAsync(edited, type, isNew: false, baseVersionId, baseStamp, published.Errors);
            Review = await ReviewPanelAsync(latest, type);
            return Page();
        }
        if (saved.IsConflict)
        {
            // Only a version of this item: the posted id is the caller's to choose, and another item's may be a draft they may not see.
            var started = await Items.GetVersionAsync(baseVersionId, HttpContext.RequestAborted) is { } based && based.ContentItemId == latest.ContentItemId ? based : latest;
            var conflict = new ConflictView(latest.Author, latest.ModifiedUtc, VersionDiff.Compare(started, latest, type, await DefinitionsAsync()).Where(r => r.Changed).ToList());
            Editor = await ViewAsync(edited, type, isNew: false, baseVersionId, baseStamp, saved.Errors, conflict);
            Review = await ReviewPanelAsync(latest, type);
            return Page();
        }
        if (!saved.Succeeded)
        {
            Editor = await ViewAsync(edited, type, isNew: false, baseVersionId, baseStamp, saved.Errors);
            Review = await ReviewPanelAsync(latest, type);
            return Page();
        }
        TempData["Message"] = publish ? "Published." : "Draft saved.";
        return Redirect($"/admin/content/{Id}/edit");
    }

    private RedirectResult Done(string? error, string message)
    {
        TempData["Message"] = error ?? message;
        return Redirect($"/admin/content/{Id}/edit");
    }
}
