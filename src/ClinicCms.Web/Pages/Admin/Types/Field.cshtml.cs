using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Types;

/// <summary>The settings ClinicCms uses for a field: display name, hint, required, editor, choices, limits, picker targets, sanitizing.</summary>
public sealed class FieldEditModel(DefinitionEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Type { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Part { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Field { get; set; } = "";

    public ContentPartFieldDefinition? Definition { get; private set; }
    public IReadOnlyList<string> AllTypes { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Hint => KindSettings?["Hint"]?.GetValue<string>();
    public bool Required => KindSettings?["Required"]?.GetValue<bool>() == true;
    public bool Multiple => KindSettings?["Multiple"]?.GetValue<bool>() == true;
    public bool Sanitize => KindSettings?["SanitizeHtml"]?.GetValue<bool>() != false;
    public string? Minimum => KindSettings?["Minimum"]?.ToString();
    public string? Maximum => KindSettings?["Maximum"]?.ToString();
    public IReadOnlyList<string> Targets => (KindSettings?["DisplayedContentTypes"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [];
    public string Options => string.Join('\n', ((Definition?.FieldName == "TextField" ? Definition.Settings["TextFieldPredefinedListEditorSettings"]?["Options"] : KindSettings?["Options"]) as JsonArray ?? [])
        .Select(o => $"{o?["name"]?.GetValue<string>()}|{o?["value"]?.GetValue<string>()}"));

    private JsonObject? KindSettings => Definition?.Settings[$"{Definition.FieldName}Settings"] as JsonObject;

    public async Task<IActionResult> OnGetAsync()
    {
        var definitions = await editor.CurrentAsync(HttpContext.RequestAborted);
        Definition = definitions.FindPart(Part)?.FindField(Field);
        AllTypes = definitions.Types.Select(t => t.Name).ToList();
        return Definition is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? displayName, string? hint, bool required, string? editorKind, string? options,
        string? minimum, string? maximum, bool multiple, string[] targets, bool sanitize)
    {
        var chosenEditor = Request.Form["editor"].ToString();
        Error = await editor.ChangeAsync(d =>
        {
            if (d.FindPart(Part)?.FindField(Field) is not { } field)
            {
                return $"There is no field {Field}.";
            }
            if (!TryNumber(minimum, out var min) || !TryNumber(maximum, out var max))
            {
                return "The minimum and maximum must be numbers.";
            }
            var common = field.Settings["ContentPartFieldSettings"] as JsonObject ?? [];
            common["DisplayName"] = string.IsNullOrWhiteSpace(displayName) ? field.Name : displayName;
            if (field.FieldName == "TextField")
            {
                common["Editor"] = string.IsNullOrEmpty(chosenEditor) ? null : chosenEditor;
            }
            field.Settings["ContentPartFieldSettings"] = common;
            var kind = field.Settings[$"{field.FieldName}Settings"] as JsonObject ?? [];
            kind["Hint"] = hint ?? "";
            kind["Required"] = required;
            var choices = new JsonArray([.. (options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('|', 2)).Select(p => (JsonNode)new JsonObject { ["name"] = p[0], ["value"] = p.Length > 1 ? p[1] : p[0] })]);
            switch (field.FieldName)
            {
                case "TextField":
                    var list = field.Settings["TextFieldPredefinedListEditorSettings"] as JsonObject ?? [];
                    list["Options"] = choices;
                    field.Settings["TextFieldPredefinedListEditorSettings"] = list;
                    break;
                case "MultiTextField":
                    kind["Options"] = choices;
                    break;
                case "NumericField":
                    kind["Minimum"] = min;
                    kind["Maximum"] = max;
                    break;
                case "ContentPickerField":
                    kind["Multiple"] = multiple;
                    kind["DisplayAllContentTypes"] = targets.Length == 0;
                    kind["DisplayedContentTypes"] = new JsonArray([.. targets.Select(t => (JsonNode)t)]);
                    break;
                case "MediaField":
                    kind["Multiple"] = multiple;
                    break;
                case "HtmlField" or "MarkdownField":
                    kind["SanitizeHtml"] = sanitize;
                    break;
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

    private static bool TryNumber(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var ok = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        value = number;
        return ok;
    }
}
