using System.Text.Json;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.StructuredData;

/// <summary>
/// A treatment overview as a schema.org MedicalTherapy: name, description and address, how a course is performed,
/// the follow-up (maintenance) and the legal status, each from the overview's own text fields.
/// </summary>
internal static class MedicalTherapyJsonLd
{
    public const string Type = "MedicalTherapy";

    public static void Write(Utf8JsonWriter writer, ContentItem item, JsonLdSources sources)
    {
        writer.WriteStartObject();
        JsonLdWriting.Type(writer, Type, context: true);
        JsonLdWriting.Text(writer, "name", item.DisplayText);
        JsonLdWriting.Text(writer, "description", JsonLdWriting.Description(item));
        JsonLdWriting.Text(writer, "url", JsonLdWriting.Url(item, sources));
        JsonLdWriting.Text(writer, "howPerformed", JsonLdWriting.Field(item, "CourseNote"));
        JsonLdWriting.Text(writer, "followup", JsonLdWriting.Field(item, "MaintenanceSchedule"));
        JsonLdWriting.Text(writer, "legalStatus", JsonLdWriting.Field(item, "RegulatoryStatus"));
        writer.WriteEndObject();
    }
}
