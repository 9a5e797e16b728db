using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Queries;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Types;

/// <summary>One type: its settings, its parts and its own fields, added, removed and reordered.</summary>
public sealed class TypeEditModel(DefinitionEditor editor, AdminContentQueries queries, ContentFieldKinds fieldKinds) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";

    public ContentTypeDefinition? Type { get; private set; }
    public List<ContentPartFieldDefinition> Fields { get; private set; } = [];
    public List<string> AvailableParts { get; private set; } = [];
    public int ItemCount { get; private set; }
    public string? Error { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public Task<IActionResult> OnPostSettingsAsync(string displayName, bool creatable, bool listable, bool draftable, bool versionable, bool securable, bool requiresReview, int? reviewIntervalDays,
        string? previewUrl = null) =>
        ChangeAsync("Settings saved.", (d, type) =>
        {
            if (reviewIntervalDays is < 1 or > ClinicCms.Content.Versions.MedicalApproval.MaxIntervalDays)
            {
                return "The review interval is a number of days from 1 to 3650, or empty for none.";
            }
            previewUrl = string.IsNullOrWhiteSpace(previewUrl) ? null : previewUrl.Trim();
            if (PreviewUrlTemplate.Problem(previewUrl) is { } previewProblem)
            {
                return $"The preview URL {previewProblem}.";
            }
            type.DisplayName = string.IsNullOrWhiteSpace(displayName) ? type.Name : displayName;
            type.Settings["ContentTypeSettings"] = MergeInto(type.Settings["ContentTypeSettings"] as JsonObject, new JsonObject
            {
                ["Creatable"] = creatable,
                ["Listable"] = listable,
                ["Draftable"] = draftable,
                ["Versionable"] = versionable,
                ["Securable"] = securable,
                ["RequiresReview"] = requiresReview,
                ["ReviewIntervalDays"] = reviewIntervalDays,
                ["PreviewUrl"] = previewUrl,
            });
            return null;
        });

    public Task<IActionResult> OnPostAddPartAsync(string part) => ChangeAsync($"{part} added.", (d, type) =>
    {
        if (type.FindPart(part) is not null)
        {
            return $"{type.Name} has {part} already.";
        }
        type.Parts.Add(new ContentTypePartDefinition { PartName = part, Name = part });
        Renumber(type);
        return null;
    });

    public Task<IActionResult> OnPostRemovePartAsync(string part) => ChangeAsync($"{part} removed.", (d, type) =>
        type.Parts.RemoveAll(p => p.Name == part && p.PartName != type.Name) == 0 ? $"{type.Name} has no removable part {part}." : null);

    public Task<IActionResult> OnPostMovePartAsync(string part, int direction) => ChangeAsync("Parts reordered.", (d, type) =>
    {
        Move(type.Parts, type.Parts.FindIndex(p => p.Name == part), direction);
        Renumber(type);
        return null;
    });

    public Task<IActionResult> OnPostAddFieldAsync(string field, string displayName, string kind) =>
        ChangeAsync($"The field {field} was added.", (d, type) => PartFieldOperations.Add(OwnPart(d, type), field, displayName, kind, fieldKinds));

    public Task<IActionResult> OnPostRemoveFieldAsync(string field) =>
        ChangeAsync($"The field {field} was removed.", (d, type) => PartFieldOperations.Remove(OwnPart(d, type), field));

    public Task<IActionResult> OnPostMoveFieldAsync(string field, int direction) =>
        ChangeAsync("Fields reordered.", (d, type) => PartFieldOperations.Move(OwnPart(d, type), field, direction));

    /// <summary>The settings of the parts ClinicCms understands: the title's rule, the path pattern, sanitizing of bodies.</summary>
    public Task<IActionResult> OnPostPartSettingsAsync(string part, string? titleOptions, string? pattern, bool allowCustomPath, bool sanitize) =>
        ChangeAsync($"The settings of {part} were saved.", (d, type) =>
        {
            if (type.FindPart(part) is not { } typePart)
            {
                return $"{type.Name} has no part {part}.";
            }
            switch (typePart.PartName)
            {
                case PartNames.TitlePart:
                    typePart.Settings["TitlePartSettings"] = new JsonObject { ["Options"] = titleOptions == "EditableRequired" ? "EditableRequired" : "Editable" };
                    break;
                case PartNames.AutoroutePart:
                    if (!string.IsNullOrWhiteSpace(pattern) && ClinicCms.Content.Preparation.PathPatternRenderer.TryParseError(pattern) is { } error)
                    {
                        return $"The pattern is not valid Liquid: {error}";
                    }
                    typePart.Settings["AutoroutePartSettings"] = new JsonObject { ["Pattern"] = pattern, ["AllowCustomPath"] = allowCustomPath };
                    break;
                case PartNames.HtmlBodyPart or PartNames.MarkdownBodyPart:
                    // Only the switch the form shows; AllowForms and AllowIframes, set by recipes, are kept.
                    if (typePart.Settings[$"{typePart.PartName}Settings"] is JsonObject bodySettings)
                    {
                        bodySettings["SanitizeHtml"] = sanitize;
                    }
                    else
                    {
                        typePart.Settings[$"{typePart.PartName}Settings"] = new JsonObject { ["SanitizeHtml"] = sanitize };
                    }
                    break;
            }
            return null;
        });

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var error = await editor.ChangeAsync(d =>
        {
            d.DeleteType(Name);
            return null;
        }, HttpContext.RequestAborted);
        TempData["Message"] = error ?? $"The type {Name} was deleted; its items stay in storage.";
        return Redirect("/admin/types");
    }

    private async Task<IActionResult> ChangeAsync(string done, Func<ContentDefinitionSet, ContentTypeDefinition, string?> change)
    {
        Error = await editor.ChangeAsync(d => d.FindType(Name) is { } type ? change(d, type) : $"There is no type {Name}.", HttpContext.RequestAborted);
        if (Error is not null)
        {
            return await ShowAsync();
        }
        TempData["Message"] = done;
        return Redirect($"/admin/types/{Name}");
    }

    private async Task<IActionResult> ShowAsync()
    {
        var definitions = await editor.CurrentAsync(HttpContext.RequestAborted);
        Type = definitions.FindType(Name);
        if (Type is null)
        {
            return NotFound();
        }
        Fields = definitions.FindPart(Name)?.Fields ?? [];
        AvailableParts = [.. new[] { PartNames.TitlePart, PartNames.AutoroutePart, PartNames.HtmlBodyPart, PartNames.MarkdownBodyPart, PartNames.CommonPart,
            PartNames.PublishLaterPart, PartNames.ArchiveLaterPart }
            .Concat(definitions.Parts.Where(p => p.Settings.GetSettings<ContentPartSettingsModel>("ContentPartSettings").Attachable).Select(p => p.Name))
            .Where(p => Type.FindPart(p) is null).Distinct()];
        ItemCount = (await queries.CountsAsync(ContentVisibility.Everything, HttpContext.RequestAborted)).GetValueOrDefault(Name).Items;
        return Page();
    }

    private static ContentPartDefinition OwnPart(ContentDefinitionSet definitions, ContentTypeDefinition type)
    {
        if (definitions.FindPart(type.Name) is { } part)
        {
            return part;
        }
        part = new ContentPartDefinition { Name = type.Name };
        definitions.Parts.Add(part);
        if (type.Parts.Find(p => p.PartName == type.Name) is null)
        {
            type.Parts.Add(new ContentTypePartDefinition { PartName = type.Name, Name = type.Name });
        }
        return part;
    }

    private static void Renumber(ContentTypeDefinition type)
    {
        for (var i = 0; i < type.Parts.Count; i++)
        {
            var settings = type.Parts[i].Settings["ContentTypePartSettings"] as JsonObject ?? [];
            settings["Position"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            type.Parts[i].Settings["ContentTypePartSettings"] = settings;
        }
    }

    public static string? SettingOf(ContentTypePartDefinition part, string settings, string key) => part.Settings[settings]?[key]?.ToString();

    private static void Move<T>(List<T> list, int index, int direction)
    {
        var target = index + Math.Sign(direction);
        if (index >= 0 && target >= 0 && target < list.Count)
        {
            (list[index], list[target]) = (list[target], list[index]);
        }
    }

    private static JsonObject MergeInto(JsonObject? existing, JsonObject values)
    {
        var result = existing?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in values)
        {
            result[key] = value?.DeepClone();
        }
        return result;
    }

    private sealed class ContentPartSettingsModel
    {
        public bool Attachable { get; set; }
    }
}
