using ClinicCms.Content.Definitions;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Admin;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>A new item of a type: saved as a draft, or published when the editor may.</summary>
public sealed class NewModel(ContentService content, ContentDefinitionStore definitions, ContentForm form, AdminActions actions)
    : EditorPageModel(content, definitions, form, actions)
{
    [BindProperty(SupportsGet = true)]
    public string Type { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await TypeAsync(Type) is not { } type)
        {
            return NotFound();
        }
        var item = ContentService.New(type.Name);
        Editor = await ViewAsync(item, type, isNew: true, "", "");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string action)
    {
        if (await TypeAsync(Type) is not { } type)
        {
            return NotFound();
        }
        var user = PermissionService.WriterOf(User);
        var item = await FromFormAsync(ContentService.New(type.Name), type);
        item.Owner = user.Id;
        var publish = action == "publish";
        if (!await Actions.CanAsync(User, publish ? Permissions.PublishContent : Permissions.EditContent, item, HttpContext.RequestAborted))
        {
            return Refused(publish ? "publish this item" : "create this item");
        }
        var result = await Items.CreateAsync(item, publish, await Actions.UserForAsync(User, item, HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Editor = await ViewAsync(item, type, isNew: true, "", "", result.Errors);
            return Page();
        }
        TempData["Message"] = publish ? "Published." : "Draft saved.";
        return Redirect($"/admin/content/{result.Item!.ContentItemId}/edit");
    }
}
