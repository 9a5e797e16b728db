using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;

namespace ClinicCms.Web.Admin;

/// <summary>
/// SeoMetaPart's editors on the edit form: whether to render, each text, and the three images through the media
/// picker. Each writes only its own property; the custom meta tags are kept as stored.
/// </summary>
public static class SeoMetaEditors
{
    private static readonly MediaField Media = new();

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [nameof(SeoMetaPart.PageTitle)] = "Page title",
        [nameof(SeoMetaPart.MetaDescription)] = "Meta description",
        [nameof(SeoMetaPart.MetaKeywords)] = "Meta keywords",
        [nameof(SeoMetaPart.Canonical)] = "Canonical URL",
        [nameof(SeoMetaPart.MetaRobots)] = "Meta robots",
        [nameof(SeoMetaPart.OpenGraphType)] = "Open Graph type",
        [nameof(SeoMetaPart.OpenGraphTitle)] = "Open Graph title",
        [nameof(SeoMetaPart.OpenGraphDescription)] = "Open Graph description",
        [nameof(SeoMetaPart.TwitterTitle)] = "Twitter title",
        [nameof(SeoMetaPart.TwitterDescription)] = "Twitter description",
        [nameof(SeoMetaPart.TwitterCard)] = "Twitter card",
        [nameof(SeoMetaPart.TwitterCreator)] = "Twitter creator",
        [nameof(SeoMetaPart.TwitterSite)] = "Twitter site",
        [nameof(SeoMetaPart.GoogleSchema)] = "Google schema (JSON-LD)",
        [SeoMetaPart.DefaultSocialImage] = "Default social image",
        [SeoMetaPart.OpenGraphImage] = "Open Graph image",
        [SeoMetaPart.TwitterImage] = "Twitter image",
    };

    private static readonly HashSet<string> Long = new(StringComparer.Ordinal)
    {
        nameof(SeoMetaPart.MetaDescription), nameof(SeoMetaPart.OpenGraphDescription), nameof(SeoMetaPart.TwitterDescription), nameof(SeoMetaPart.GoogleSchema),
    };

    public static IEnumerable<FieldEditor> For(ContentItem item, ContentTypePartDefinition typePart)
    {
        var partName = typePart.Name;
        var settings = typePart.Settings.GetSettings<SeoMetaPartSettings>();
        var part = item.Get<SeoMetaPart>(partName);
        yield return new FieldEditor
        {
            State = new FieldEditorState("Boolean") { Value = part.Render ? "true" : "false" },
            Key = $"{partName}.Render",
            Label = "SEO: render the meta tags",
            Write = (target, posted) => Write(target, partName, "Render", posted.All().Contains("true"), p => p.Render),
        };
        foreach (var (name, maxLength) in SeoMetaPart.Texts.Where(t => Shown(t.Name, settings)))
        {
            yield return new FieldEditor
            {
                State = new FieldEditorState(Long.Contains(name) ? "TextArea" : "Text") { Value = part.Get(name) },
                Key = $"{partName}.{name}",
                Label = "SEO: " + Labels[name],
                Hint = name == nameof(SeoMetaPart.Canonical) ? "An absolute http or https URL; leave empty for the page's own." : $"At most {maxLength} characters.",
                Write = (target, posted) => Write(target, partName, name, posted.Text() is { Length: > 0 } text ? text : null, p => p.Get(name)),
            };
        }
        foreach (var image in SeoMetaPart.Images.Where(i => Shown(i, settings)))
        {
            var definition = SeoMetaPart.ImageField(image);
            yield return new FieldEditor
            {
                State = Media.Editor(definition, item.Part(partName)?[image] as System.Text.Json.Nodes.JsonObject),
                Key = $"{partName}.{image}",
                Label = "SEO: " + Labels[image],
                Write = (target, posted) =>
                {
                    if (target.Part(partName)?[image] is null && posted.All("Paths").All(string.IsNullOrWhiteSpace))
                    {
                        return; // no image before, none chosen
                    }
                    var json = target.GetOrCreatePart(partName);
                    var field = json[image] as System.Text.Json.Nodes.JsonObject ?? [];
                    json[image] = field;
                    Media.Apply(field, posted, definition);
                },
            };
        }
    }

    // Orchard's groups: keywords, Open Graph, Twitter and the Google schema only when the type's settings show them.
    private static bool Shown(string name, SeoMetaPartSettings settings) => name switch
    {
        nameof(SeoMetaPart.MetaKeywords) => settings.DisplayKeywords,
        nameof(SeoMetaPart.GoogleSchema) => settings.DisplayGoogleSchema,
        _ when name.StartsWith("OpenGraph", StringComparison.Ordinal) => settings.DisplayOpenGraph,
        _ when name.StartsWith("Twitter", StringComparison.Ordinal) => settings.DisplayTwitter,
        _ => true,
    };

    // Only a value the editor changed is written: a form posted unchanged leaves the item as it was (an approved
    // draft stays approved), and the part is not created for an item that had none.
    private static void Write<T>(ContentItem target, string partName, string property, T value, Func<SeoMetaPart, T> current)
    {
        if (!EqualityComparer<T>.Default.Equals(current(target.Get<SeoMetaPart>(partName)), value))
        {
            target.GetOrCreatePart(partName)[property] = System.Text.Json.Nodes.JsonValue.Create(value);
        }
    }
}
