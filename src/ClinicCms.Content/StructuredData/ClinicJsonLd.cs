using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.StructuredData;

/// <summary>
/// schema.org JSON-LD for the clinic's content types: an Article is a MedicalWebPage, a TreatmentOverview a
/// MedicalTherapy, an FAQ a Question; a list of FAQs makes an FAQPage. Built with a JSON writer from the version
/// given, so a draft read by a previewer describes the draft.
/// </summary>
public static class ClinicJsonLd
{
    /// <summary>The schema.org type each content type is described as.</summary>
    public static readonly IReadOnlyDictionary<string, string> SchemaTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Article"] = MedicalWebPageJsonLd.Type,
        ["TreatmentOverview"] = MedicalTherapyJsonLd.Type,
        ["FAQ"] = QuestionJsonLd.Type,
    };

    /// <summary>The item's JSON-LD document, or null for a type with no schema.org mapping.</summary>
    public static string? For(ContentItem item, JsonLdSources sources) => item.ContentType switch
    {
        "Article" => JsonLdWriting.Document(w => MedicalWebPageJsonLd.Write(w, item, sources)),
        "TreatmentOverview" => JsonLdWriting.Document(w => MedicalTherapyJsonLd.Write(w, item, sources)),
        "FAQ" => JsonLdWriting.Document(w => QuestionJsonLd.Write(w, item, sources, context: true)),
        _ => null,
    };

    /// <summary>An FAQPage whose mainEntity is the given FAQs' questions, in the order given.</summary>
    public static string FaqPage(IEnumerable<ContentItem> faqs, JsonLdSources sources) => JsonLdWriting.Document(writer =>
    {
        writer.WriteStartObject();
        JsonLdWriting.Type(writer, "FAQPage", context: true);
        writer.WriteStartArray("mainEntity");
        foreach (var faq in faqs)
        {
            QuestionJsonLd.Write(writer, faq, sources, context: false);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
