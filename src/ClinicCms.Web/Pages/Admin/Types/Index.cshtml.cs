using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Queries;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Types;

/// <summary>Every content type, and a new one (created with a title, as Orchard's admin creates it).</summary>
public sealed class TypesModel(DefinitionEditor editor, AdminContentQueries queries) : PageModel
{
    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public Dictionary<string, (int Items, int Published)> Counts { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Name { get; private set; }
    public string? DisplayName { get; private set; }

    public async Task OnGetAsync()
    {
        Types = (await editor.CurrentAsync(HttpContext.RequestAborted)).Types;
        Counts = await queries.CountsAsync(ContentVisibility.Everything, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync(string name, string displayName)
    {
        (Name, DisplayName) = (name, displayName);
        Error = !DefinitionEditor.IsValidName(name) ? "The technical name must start with a letter and hold only letters, digits and underscores."
            : await editor.ChangeAsync(d =>
            {
                if (d.FindType(name) is not null || d.FindPart(name) is not null)
                {
                    return $"There is already a type or part named {name}.";
                }
                d.AlterType(new ContentTypeDefinition
                {
                    Name = name,
                    DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName,
                    Settings = new JsonObject { ["ContentTypeSettings"] = new JsonObject { ["Creatable"] = true, ["Listable"] = true, ["Draftable"] = true, ["Versionable"] = true, ["Securable"] = true } },
                    Parts = [new ContentTypePartDefinition { PartName = PartNames.TitlePart, Name = PartNames.TitlePart }, new ContentTypePartDefinition { PartName = name, Name = name }],
                });
                d.AlterPart(new ContentPartDefinition { Name = name });
                return null;
            }, HttpContext.RequestAborted);
        if (Error is not null)
        {
            await OnGetAsync();
            return Page();
        }
        TempData["Message"] = $"The type {name} was created.";
        return Redirect($"/admin/types/{name}");
    }
}
