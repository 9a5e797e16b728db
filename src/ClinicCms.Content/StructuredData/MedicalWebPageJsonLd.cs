using System.Text.Json;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.StructuredData;

/// <summary>
/// An article as a schema.org MedicalWebPage: its title, subtitle, description, address and dates, its tags as
/// keywords, and the last medical review (lastReviewed, reviewedBy) from MedicalReviewPart.
/// </summary>
internal static class MedicalWebPageJsonLd
{
    public const string Type = "MedicalWebPage";

    public static void Write(Utf8JsonWriter writer, ContentItem item, JsonLdSources sources)
    {
        writer.WriteStartObject();
        JsonLdWriting.Type(writer, Type, context: true);
        JsonLdWriting.Text(writer, "name", item.DisplayText);
        JsonLdWriting.Text(writer, "headline", item.Get<TitlePart>(PartNames.TitlePart).Title ?? item.DisplayText);
        JsonLdWriting.Text(writer, "alternativeHeadline", JsonLdWriting.Field(item, "Subtitle"));
        JsonLdWriting.Text(writer, "description", JsonLdWriting.Description(item));
        JsonLdWriting.Text(writer, "url", JsonLdWriting.Url(item, sources));
        var tags = item.Field(item.ContentType, "Tags")?["Values"] as System.Text.Json.Nodes.JsonArray;
        JsonLdWriting.Text(writer, "keywords", tags is null ? null : string.Join(", ", tags.Select(t => t?.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null).OfType<string>()));
        JsonLdWriting.DateTime(writer, "datePublished", item.PublishedUtc);
        JsonLdWriting.DateTime(writer, "dateModified", item.ModifiedUtc);
        var review = item.Get<MedicalReviewPart>(PartNames.MedicalReviewPart);
        JsonLdWriting.Date(writer, "lastReviewed", review.ReviewedUtc);
        if (!string.IsNullOrWhiteSpace(review.ReviewedBy))
        {
            writer.WriteStartObject("reviewedBy");
            JsonLdWriting.Type(writer, "Person", context: false);
            JsonLdWriting.Text(writer, "name", review.ReviewedBy);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
