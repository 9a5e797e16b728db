using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Types;

/// <summary>
/// A field's settings: display name, hint and required for every field, then what its kind brings
/// (<see cref="ContentFieldKind.SettingsEditors"/>, one partial each, written back by <see cref="ContentFieldKind.ApplySettings"/>).
/// </summary>
public sealed class FieldEditModel(DefinitionEditor editor, ContentFieldKinds kinds) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Type { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Part { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Field { get; set; } = "";

    public ContentPartFieldDefinition? Definition { get; private set; }
    public IReadOnlyList<string> AllTypes { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Hint => KindSettings?["Hint"]?.GetValue<string>();
    public bool Required => KindSettings?["Required"]?.GetValue<bool>() == true;

    /// <summary>The settings the field's kind brings; none for a kind nobody registered.</summary>
    public IReadOnlyList<FieldSettingsEditor> KindEditors => Definition is { } definition ? kinds.Find(definition.FieldName)?.SettingsEditors(definition) ?? [] : [];

    private JsonObject? KindSettings => Definition?.Settings[$"{Definition.FieldName}Settings"] as JsonObject;

    public async Task<IActionResult> OnGetAsync()
    {
        var definitions = await editor.CurrentAsync(HttpContext.RequestAborted);
        Definition = definitions.FindPart(Part)?.FindField(Field);
        AllTypes = definitions.Types.Select(t => t.Name).ToList();
        return Definition is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? displayName, string? hint, bool required)
    {
        var posted = new PostedValues(input => [.. Request.Form[input].Select(v => v ?? "")]);
        Error = await editor.ChangeAsync(d =>
        {
            if (d.FindPart(Part)?.FindField(Field) is not { } field)
            {
                return $"There is no field {Field}.";
            }
            var common = field.Settings["ContentPartFieldSettings"] as JsonObject ?? [];
            common["DisplayName"] = string.IsNullOrWhiteSpace(displayName) ? field.Name : displayName;
            field.Settings["ContentPartFieldSettings"] = common;
            var kind = field.Settings[$"{field.FieldName}Settings"] as JsonObject ?? [];
            kind["Hint"] = hint ?? "";
            kind["Required"] = required;
            if (kinds.Find(field.FieldName)?.ApplySettings(field, kind, posted) is { } wrong)
            {
                return wrong;
            }
            field.Settings[$"{field.FieldName}Settings"] = kind;
            return null;
        }, HttpContext.RequestAborted);
        if (Error is not null)
        {
            return await OnGetAsync();
        }
        TempData["Message"] = $"The field {Field} was saved.";
        return Redirect($"/admin/types/{Type}");
    }
}
