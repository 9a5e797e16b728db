using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's MediaField: <c>{ "Paths": [ "…" ], "MediaTexts": [ "…" ] }</c>, paths in the media library.</summary>
public sealed class MediaField : ContentFieldKind
{
    public override FieldGraphShape GraphShape { get; } = new NamedShape("MediaField");

    public override void Validate(FieldCheck check)
    {
        var settings = check.Settings<MediaFieldSettings>();
        var paths = check.ReadTexts("Paths");
        check.Count(paths, settings.Required, settings.Multiple, "file");
        CheckPaths(paths, check);
        check.ReadTexts("MediaTexts");
    }

    // A media path names a file in the media library: not empty, no '..' segment, nothing that breaks out of a URL or attribute.
    private static void CheckPaths(List<string>? paths, FieldCheck check)
    {
        for (var i = 0; i < (paths?.Count ?? 0); i++)
        {
            var media = paths![i].Trim();
            if (media.Length == 0)
            {
                check.Error($"Paths[{i}]", "a media path is required, got an empty string");
            }
            else if (media.Replace('\\', '/').Split('/').Contains("..") || media.Any(c => char.IsControl(c) || c is '<' or '>' or '"'))
            {
                check.Error($"Paths[{i}]", $"'{media}' is not a media path: no '..' segments, markup, quotes or control characters");
            }
        }
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value)
    {
        var paths = FieldJson.Strings(value, "Paths");
        var texts = FieldJson.Strings(value, "MediaTexts");
        return new("Media")
        {
            Values = paths,
            Texts = paths.Select((_, i) => i < texts.Count ? texts[i] : "").ToList(),
            Multiple = field.Settings.GetSettings<MediaFieldSettings>().Multiple,
        };
    }

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition)
    {
        // The picker posts each file as {key}.Paths with its alt text as {key}.MediaTexts, in order; the arrays stay aligned.
        var postedPaths = posted.All("Paths");
        var postedTexts = posted.All("MediaTexts");
        var pairs = postedPaths.Select((path, i) => (Path: path.Trim(), Text: i < postedTexts.Count ? postedTexts[i].Trim() : ""))
            .Where(p => p.Path.Length > 0).DistinctBy(p => p.Path, StringComparer.Ordinal).ToList();
        field["Paths"] = FieldJson.Array(pairs.Select(p => p.Path));
        field["MediaTexts"] = FieldJson.Array(pairs.Select(p => p.Text));
    }

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) =>
        [SettingsEditor("Multiple", ("multiple", KindSettings(field)?["Multiple"]?.GetValue<bool>() == true ? "true" : null))];

    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted)
    {
        kindSettings["Multiple"] = posted.Text("multiple") == "true";
        return null;
    }
}
