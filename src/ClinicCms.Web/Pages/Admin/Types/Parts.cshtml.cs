using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Types;

/// <summary>Shareable part definitions: created attachable, given fields, deleted (which also takes them off every type).</summary>
public sealed class PartsModel(DefinitionEditor editor, ClinicCms.Content.Fields.ContentFieldKinds fieldKinds) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }

    public List<ContentPartDefinition> Shared { get; private set; } = [];
    public ContentPartDefinition? Selected { get; private set; }
    public List<string> UsedBy { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var definitions = await editor.CurrentAsync(HttpContext.RequestAborted);
        Shared = definitions.Parts.Where(p => definitions.FindType(p.Name) is null).OrderBy(p => p.Name).ToList();
        Selected = Shared.Find(p => p.Name == Name);
        UsedBy = Selected is null ? [] : definitions.Types.Where(t => t.Has(Selected.Name)).Select(t => t.Name).ToList();
    }

    public Task<IActionResult> OnPostCreateAsync(string partName) => ChangeAsync(partName, $"The part {partName} was created.", d =>
    {
        if (!DefinitionEditor.IsValidName(partName) || d.FindPart(partName) is not null || d.FindType(partName) is not null)
        {
            return "Choose a name that starts with a letter, holds only letters, digits and underscores, and is not in use.";
        }
        d.AlterPart(new ContentPartDefinition { Name = partName, Settings = new JsonObject { ["ContentPartSettings"] = new JsonObject { ["Attachable"] = true } } });
        return null;
    });

    public Task<IActionResult> OnPostAddFieldAsync(string field, string displayName, string kind) =>
        ChangeAsync(Name!, $"The field {field} was added.", d => d.FindPart(Name!) is { } part ? PartFieldOperations.Add(part, field, displayName, kind, fieldKinds) : "No such part.");

    public Task<IActionResult> OnPostRemoveFieldAsync(string field) =>
        ChangeAsync(Name!, $"The field {field} was removed.", d => d.FindPart(Name!) is { } part ? PartFieldOperations.Remove(part, field) : "No such part.");

    public Task<IActionResult> OnPostDeleteAsync() => ChangeAsync("", $"The part {Name} was deleted.", d =>
    {
        d.DeletePart(Name!);
        return null;
    });

    private async Task<IActionResult> ChangeAsync(string next, string done, Func<ContentDefinitionSet, string?> change)
    {
        Error = await editor.ChangeAsync(change, HttpContext.RequestAborted);
        if (Error is not null)
        {
            await OnGetAsync();
            return Page();
        }
        TempData["Message"] = done;
        return Redirect($"/admin/parts/{next}");
    }
}
