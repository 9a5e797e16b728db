using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Parts;

/// <summary>
/// Orchard's SeoMetaPart: the page title, meta description, canonical URL, Open Graph and Twitter values a frontend
/// writes into a page's head. The texts are read and written here; the three images are MediaField objects
/// (<c>DefaultSocialImage</c>, <c>OpenGraphImage</c>, <c>TwitterImage</c>) and <c>CustomMetaTags</c> an array of
/// <c>{ Name, Property, Content, HttpEquiv, Charset }</c>, kept in the JSON as Orchard writes them.
/// </summary>
public sealed class SeoMetaPart : IContentPart
{
    public const string DefaultSocialImage = nameof(DefaultSocialImage);
    public const string OpenGraphImage = nameof(OpenGraphImage);
    public const string TwitterImage = nameof(TwitterImage);
    public const string CustomMetaTags = nameof(CustomMetaTags);

    /// <summary>The text properties, in Orchard's order, with the most characters each may hold.</summary>
    public static readonly IReadOnlyList<(string Name, int MaxLength)> Texts =
    [
        (nameof(PageTitle), 300), (nameof(MetaDescription), 1000), (nameof(MetaKeywords), 1000), (nameof(Canonical), 2000),
        (nameof(MetaRobots), 200), (nameof(OpenGraphType), 100), (nameof(OpenGraphTitle), 300), (nameof(OpenGraphDescription), 1000),
        (nameof(TwitterTitle), 300), (nameof(TwitterDescription), 1000), (nameof(TwitterCard), 100), (nameof(TwitterCreator), 100),
        (nameof(TwitterSite), 100), (nameof(GoogleSchema), 20_000),
    ];

    /// <summary>The MediaField-shaped properties.</summary>
    public static readonly IReadOnlyList<string> Images = [DefaultSocialImage, OpenGraphImage, TwitterImage];

    /// <summary>The MediaField definition an image of the part is checked, edited and exposed as: one file, with alt text.</summary>
    public static ContentPartFieldDefinition ImageField(string name) => new()
    {
        FieldName = nameof(Fields.MediaField),
        Name = name,
        Settings = new JsonObject
        {
            ["ContentPartFieldSettings"] = new JsonObject { ["DisplayName"] = name },
            ["MediaFieldSettings"] = new JsonObject { ["Multiple"] = false, ["AllowMediaText"] = true },
        },
    };

    public string? PageTitle { get; set; }

    /// <summary>Whether the frontend should write the tags; true unless set false (Orchard's default).</summary>
    public bool Render { get; set; } = true;

    public string? MetaDescription { get; set; }
    public string? MetaKeywords { get; set; }
    public string? Canonical { get; set; }
    public string? MetaRobots { get; set; }
    public string? OpenGraphType { get; set; }
    public string? OpenGraphTitle { get; set; }
    public string? OpenGraphDescription { get; set; }
    public string? TwitterTitle { get; set; }
    public string? TwitterDescription { get; set; }
    public string? TwitterCard { get; set; }
    public string? TwitterCreator { get; set; }
    public string? TwitterSite { get; set; }

    /// <summary>JSON-LD the editor wrote by hand (Orchard's "Google schema"), as text.</summary>
    public string? GoogleSchema { get; set; }

    public void ReadFrom(JsonObject? json)
    {
        Render = json?["Render"] is not JsonValue render || render.GetValueKind() != JsonValueKind.False;
        foreach (var (name, _) in Texts)
        {
            Set(name, json.GetString(name));
        }
    }

    public void WriteTo(JsonObject json)
    {
        json["Render"] = Render;
        foreach (var (name, _) in Texts)
        {
            json[name] = Get(name);
        }
    }

    /// <summary>A text property by name (one of <see cref="Texts"/>).</summary>
    public string? Get(string name) => name switch
    {
        nameof(PageTitle) => PageTitle,
        nameof(MetaDescription) => MetaDescription,
        nameof(MetaKeywords) => MetaKeywords,
        nameof(Canonical) => Canonical,
        nameof(MetaRobots) => MetaRobots,
        nameof(OpenGraphType) => OpenGraphType,
        nameof(OpenGraphTitle) => OpenGraphTitle,
        nameof(OpenGraphDescription) => OpenGraphDescription,
        nameof(TwitterTitle) => TwitterTitle,
        nameof(TwitterDescription) => TwitterDescription,
        nameof(TwitterCard) => TwitterCard,
        nameof(TwitterCreator) => TwitterCreator,
        nameof(TwitterSite) => TwitterSite,
        nameof(GoogleSchema) => GoogleSchema,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a text property of SeoMetaPart"),
    };

    /// <summary>Sets a text property by name (one of <see cref="Texts"/>).</summary>
    public void Set(string name, string? value)
    {
        switch (name)
        {
            case nameof(PageTitle): PageTitle = value; break;
            case nameof(MetaDescription): MetaDescription = value; break;
            case nameof(MetaKeywords): MetaKeywords = value; break;
            case nameof(Canonical): Canonical = value; break;
            case nameof(MetaRobots): MetaRobots = value; break;
            case nameof(OpenGraphType): OpenGraphType = value; break;
            case nameof(OpenGraphTitle): OpenGraphTitle = value; break;
            case nameof(OpenGraphDescription): OpenGraphDescription = value; break;
            case nameof(TwitterTitle): TwitterTitle = value; break;
            case nameof(TwitterDescription): TwitterDescription = value; break;
            case nameof(TwitterCard): TwitterCard = value; break;
            case nameof(TwitterCreator): TwitterCreator = value; break;
            case nameof(TwitterSite): TwitterSite = value; break;
            case nameof(GoogleSchema): GoogleSchema = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "not a text property of SeoMetaPart");
        }
    }
}
