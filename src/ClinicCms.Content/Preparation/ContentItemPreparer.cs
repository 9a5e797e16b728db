using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Scheduling;
using ClinicCms.Content.Validation;

namespace ClinicCms.Content.Preparation;

/// <summary>
/// What Orchard's part handlers do before a save: TitlePart sets DisplayText, AutoroutePart fills an empty path
/// from its pattern and keeps paths unique among published and latest items, and HTML (HtmlBodyPart, HtmlField)
/// is sanitized unless its settings turn that off, so no stored HTML reaching a frontend carries a script.
/// </summary>
public sealed class ContentItemPreparer(PathPatternRenderer patterns, HtmlCleaner html)
{
    public async Task<List<ContentError>> PrepareAsync(ContentItem item, ContentDefinitionSet definitions, PathRegistry paths,
        bool sanitized = false, CancellationToken cancellationToken = default)
    {
        var errors = new List<ContentError>();
        var type = definitions.FindType(item.ContentType);
        if (type is null)
        {
            return errors;
        }
        foreach (var typePart in type.Parts.Where(p => p.PartName == PartNames.TitlePart))
        {
            ApplyTitle(item, typePart);
        }
        foreach (var typePart in type.Parts.Where(p => p.PartName == PartNames.AutoroutePart))
        {
            await ApplyPathAsync(item, typePart, paths, errors, cancellationToken);
        }
        if (!sanitized)
        {
            SanitizeHtml(item, definitions);
        }
        WriteScheduleDatesInUtc(item);
        return errors;
    }

    // Orchard writes the scheduling parts' dates in UTC ("Z"): one given with an offset is stored as the same instant
    // in UTC, so frontends and exports read what the scheduler acts on.
    private static void WriteScheduleDatesInUtc(ContentItem item)
    {
        foreach (var (part, property) in new[] { (PartNames.PublishLaterPart, nameof(PublishLaterPart.ScheduledPublishUtc)), (PartNames.ArchiveLaterPart, nameof(ArchiveLaterPart.ScheduledArchiveUtc)) })
        {
            if (item.Parts[part] is JsonObject json && json[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                && value.GetValue<string>() is var text && !text.EndsWith('Z') && UtcDates.TryParse(text, out var utc))
            {
                json[property] = UtcDates.ToJson(utc);
            }
        }
    }

    /// <summary>Sanitizes the item's HTML as its settings say; safe to call for many items in parallel.</summary>
    public void SanitizeHtml(ContentItem item, ContentDefinitionSet definitions)
    {
        if (definitions.FindType(item.ContentType) is not { } type)
        {
            return;
        }
        foreach (var typePart in type.Parts.Where(p => p.PartName == PartNames.HtmlBodyPart))
        {
            var body = item.Get<HtmlBodyPart>(typePart.Name);
            if (Clean(body.Html, typePart.Settings.GetSettings<BodyPartSettings>("HtmlBodyPartSettings")) is { } cleaned)
            {
                body.Html = cleaned;
                item.Apply(typePart.Name, body);
            }
        }
        foreach (var (typePart, field) in definitions.FieldsOf(type).Where(f => f.Field.FieldName == nameof(Fields.HtmlField)))
        {
            var owner = item.Field(typePart.Name, field.Name);
            if (Clean(owner.GetString("Html"), field.Settings.GetSettings<BodyPartSettings>("HtmlFieldSettings")) is { } cleaned)
            {
                owner!["Html"] = cleaned;
            }
        }
    }

    // The sanitized HTML when it differs from the stored one; null when there is nothing to change.
    private string? Clean(string? value, BodyPartSettings settings)
    {
        if (!settings.SanitizeHtml || string.IsNullOrEmpty(value))
        {
            return null;
        }
        var cleaned = html.Clean(value, settings.AllowForms, settings.AllowIframes);
        return cleaned != value ? cleaned : null;
    }

    private void ApplyTitle(ContentItem item, ContentTypePartDefinition typePart)
    {
        var settings = typePart.Settings.GetSettings<TitlePartSettings>();
        var part = item.Get<TitlePart>(typePart.Name);
        if (settings.Options is TitlePartOptions.GeneratedDisabled or TitlePartOptions.GeneratedHidden && !string.IsNullOrEmpty(settings.Pattern))
        {
            part.Title = patterns.Render(settings.Pattern, item);
            item.Apply(typePart.Name, part);
        }
        if (part.Title is { } title)
        {
            item.DisplayText = title;
        }
    }

    /// <summary>
    /// The paths <see cref="PrepareAsync"/> will check for the item (given, or generated from the pattern before any
    /// -1, -2 suffix), so an import can load their holders for a whole batch with one query. Sets the title first,
    /// as PrepareAsync does, because patterns use it.
    /// </summary>
    public IEnumerable<string> PathsToCheck(ContentItem item, ContentDefinitionSet definitions)
    {
        if (definitions.FindType(item.ContentType) is not { } type)
        {
            yield break;
        }
        foreach (var typePart in type.Parts.Where(p => p.PartName == PartNames.TitlePart))
        {
            ApplyTitle(item, typePart);
        }
        foreach (var typePart in type.Parts.Where(p => p.PartName == PartNames.AutoroutePart))
        {
            if (RequestedPath(item, typePart, out _) is { Length: > 0 } path)
            {
                yield return path;
            }
        }
    }

    private async Task ApplyPathAsync(ContentItem item, ContentTypePartDefinition typePart, PathRegistry paths, List<ContentError> errors, CancellationToken cancellationToken)
    {
        var path = RequestedPath(item, typePart, out var generated);
        if (string.IsNullOrEmpty(path))
        {
            return; // nothing to generate from, or a Path of the wrong kind, which the validator reports
        }
        if (generated && AutoroutePath.Problem(path) is { } problem)
        {
            errors.Add(new ContentError($"{typePart.Name}.Path", $"the pattern made a path that cannot be used: {problem}"));
            return;
        }
        var active = item.Latest || item.Published;
        if (active && generated)
        {
            path = await UniquePathAsync(path, item.ContentItemId, paths, cancellationToken);
        }
        else if (active && await paths.IsTakenAsync(path, item.ContentItemId, cancellationToken))
        {
            errors.Add(new ContentError($"{typePart.Name}.Path", $"the path '{path}' is already in use by another content item"));
            return;
        }
        item.Apply(typePart.Name, new AutoroutePart { Path = path });
        if (active)
        {
            paths.Claim(path, item.ContentItemId);
        }
    }

    // The path the item gives, or else the one its pattern generates; null when Path is not a string.
    private string? RequestedPath(ContentItem item, ContentTypePartDefinition typePart, out bool generated)
    {
        generated = false;
        if (item.Part(typePart.Name)?[nameof(AutoroutePart.Path)] is { } node && node.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return null;
        }
        var path = item.Get<AutoroutePart>(typePart.Name).Path?.Trim().Trim('/');
        if (!string.IsNullOrEmpty(path))
        {
            return path;
        }
        generated = true;
        var pattern = typePart.Settings.GetSettings<AutoroutePartSettings>().Pattern;
        return patterns.Render(string.IsNullOrWhiteSpace(pattern) ? AutoroutePartSettings.DefaultPattern : pattern, item).Trim('/');
    }

    // Orchard's rule for generated paths: add -1, -2, ... until the path is free.
    private static async Task<string> UniquePathAsync(string path, string contentItemId, PathRegistry paths, CancellationToken cancellationToken)
    {
        var candidate = path;
        for (var n = 1; await paths.IsTakenAsync(candidate, contentItemId, cancellationToken); n++)
        {
            candidate = $"{path}-{n}";
        }
        return candidate;
    }
}
