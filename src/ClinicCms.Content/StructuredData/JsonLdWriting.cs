using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.StructuredData;

/// <summary>
/// The writing every JSON-LD document shares: the writer, whose encoder escapes &lt;, &gt;, &amp; and quotes so the
/// text is safe inside a page's script element, and the properties only written when there is a value.
/// </summary>
public static class JsonLdWriting
{
    public const string Context = "https://schema.org";

    // Any letter as itself, but HTML-sensitive characters always escaped (\u003C for '<'), whatever the range.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Document(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// JSON an editor wrote (SeoMetaPart's GoogleSchema), written again by the same writer, so that it is as safe inside
    /// a script element as the generated documents; null when it is not JSON.
    /// </summary>
    public static string? Rewrite(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using var parsed = JsonDocument.Parse(json);
            return Document(writer => parsed.WriteTo(writer));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Type(Utf8JsonWriter writer, string type, bool context)
    {
        if (context)
        {
            writer.WriteString("@context", Context);
        }
        writer.WriteString("@type", type);
    }

    public static void Text(Utf8JsonWriter writer, string property, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            writer.WriteString(property, value.Trim());
        }
    }

    public static void DateTime(Utf8JsonWriter writer, string property, DateTime? value)
    {
        if (value is { } date)
        {
            writer.WriteString(property, date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>schema.org's Date (lastReviewed): the day only.</summary>
    public static void Date(Utf8JsonWriter writer, string property, DateTime? value)
    {
        if (value is { } date)
        {
            writer.WriteString(property, date.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A text field of the type's own part (<c>Article.Summary</c>).</summary>
    public static string? Field(ContentItem item, string field) => item.Field(item.ContentType, field).GetString("Text");

    /// <summary>The page's address: SeoMetaPart's canonical URL, else the site's base URL and the item's path; null without either.</summary>
    public static string? Url(ContentItem item, JsonLdSources sources)
    {
        if (item.Get<SeoMetaPart>(PartNames.SeoMetaPart).Canonical is { Length: > 0 } canonical)
        {
            return canonical;
        }
        if (sources.BaseUrl is not { } baseUrl || item.Get<AutoroutePart>(PartNames.AutoroutePart).Path?.Trim('/') is not { Length: > 0 } path)
        {
            return null;
        }
        var segments = path.Split('/').Select(Uri.EscapeDataString);
        return baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + string.Join('/', segments);
    }

    /// <summary>SeoMetaPart's meta description when the editor wrote one, else the type's Summary field.</summary>
    public static string? Description(ContentItem item) =>
        item.Get<SeoMetaPart>(PartNames.SeoMetaPart).MetaDescription is { Length: > 0 } meta ? meta : Field(item, "Summary");
}
