using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Security;
using ClinicCms.Content.Validation;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Admin;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>What the new-item and edit pages share: building the form from the definition, reading it back, showing errors.</summary>
public abstract class EditorPageModel(ContentService content, ContentDefinitionStore definitions, ContentForm form, AdminActions actions) : PageModel
{
    public EditorView? Editor { get; protected set; }

    protected ContentService Items => content;
    protected AdminActions Actions => actions;

    /// <summary>A refused action: 403 with the reason, whatever the page offered.</summary>
    protected static ContentResult Refused(string what) =>
        new() { StatusCode = StatusCodes.Status403Forbidden, ContentType = "text/plain; charset=utf-8", Content = $"You may not {what}." };

    protected Task<ContentDefinitionSet> DefinitionsAsync() => definitions.GetAsync(HttpContext.RequestAborted);

    protected async Task<ContentTypeDefinition?> TypeAsync(string name) => (await definitions.GetAsync(HttpContext.RequestAborted)).FindType(name);

    /// <summary>The posted form applied to a copy of <paramref name="baseItem"/>.</summary>
    protected async Task<ContentItem> FromFormAsync(ContentItem baseItem, ContentTypeDefinition type)
    {
        var edited = baseItem.Clone();
        var editors = form.EditorsFor(edited, type, await definitions.GetAsync(HttpContext.RequestAborted));
        ContentForm.Apply(edited, editors, key => Request.Form[key]);
        return edited;
    }

    protected async Task<EditorView> ViewAsync(ContentItem item, ContentTypeDefinition type, bool isNew, string baseVersionId, string baseStamp,
        IReadOnlyList<ContentError>? errors = null, ConflictView? conflict = null)
    {
        var hasPublished = !isNew && await content.GetAsync(item.ContentItemId, VersionOptions.Published, HttpContext.RequestAborted) is not null;
        var owned = item.Clone();
        owned.Owner ??= PermissionService.WriterOf(User).Id;
        return new EditorView
        {
            Item = item,
            Type = type,
            Editors = form.EditorsFor(item, type, await definitions.GetAsync(HttpContext.RequestAborted)),
            IsNew = isNew,
            Errors = (errors ?? []).GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList()),
            Conflict = conflict,
            CanPublish = await actions.CanAsync(User, Permissions.PublishContent, owned, HttpContext.RequestAborted),
            CanDelete = !isNew && await actions.CanAsync(User, Permissions.DeleteContent, owned, HttpContext.RequestAborted),
            CanClone = !isNew && await actions.CanAsync(User, Permissions.CloneContent, owned, HttpContext.RequestAborted),
            HasPublished = hasPublished,
            BaseVersionId = baseVersionId,
            BaseStamp = baseStamp,
        };
    }
}
