using System.Text.Json.Nodes;

namespace ClinicCms.Tests.StructuredData;

/// <summary>
/// The schema.org types ClinicCms emits, each with its parent and the properties schema.org defines on it (from the
/// type pages of schema.org; a property is valid on a type when the type or one of its ancestors defines it).
/// </summary>
public static class SchemaOrgFacts
{
    private static readonly Dictionary<string, (string? Parent, string[] Properties)> Types = new(StringComparer.Ordinal)
    {
        ["Thing"] = (null, ["additionalType", "alternateName", "description", "disambiguatingDescription", "identifier", "image", "mainEntityOfPage", "name", "potentialAction", "sameAs", "subjectOf", "url"]),
        ["CreativeWork"] = ("Thing", ["about", "abstract", "accountablePerson", "alternativeHeadline", "audience", "author", "citation", "comment", "commentCount",
            "contributor", "copyrightHolder", "copyrightYear", "creator", "dateCreated", "dateModified", "datePublished", "editor", "headline", "inLanguage",
            "isPartOf", "keywords", "license", "mainEntity", "mentions", "publisher", "review", "text", "thumbnailUrl", "version"]),
        ["WebPage"] = ("CreativeWork", ["breadcrumb", "lastReviewed", "mainContentOfPage", "primaryImageOfPage", "relatedLink", "reviewedBy", "significantLink", "speakable", "specialty"]),
        ["MedicalWebPage"] = ("WebPage", ["aspect", "medicalAudience"]),
        ["FAQPage"] = ("WebPage", []),
        ["Comment"] = ("CreativeWork", ["downvoteCount", "parentItem", "sharedContent", "upvoteCount"]),
        ["Question"] = ("Comment", ["acceptedAnswer", "answerCount", "eduQuestionType", "suggestedAnswer"]),
        ["Answer"] = ("Comment", ["answerExplanation"]),
        ["MedicalEntity"] = ("Thing", ["code", "funding", "guideline", "legalStatus", "medicineSystem", "recognizingAuthority", "relevantSpecialty", "study"]),
        ["MedicalProcedure"] = ("MedicalEntity", ["bodyLocation", "followup", "howPerformed", "preparation", "procedureType", "status"]),
        ["TherapeuticProcedure"] = ("MedicalProcedure", ["adverseOutcome", "doseSchedule", "drug"]),
        ["MedicalTherapy"] = ("TherapeuticProcedure", ["contraindication", "duplicateTherapy", "seriousAdverseOutcome"]),
        ["Person"] = ("Thing", ["additionalName", "address", "affiliation", "birthDate", "email", "familyName", "givenName", "hasCredential",
            "honorificPrefix", "honorificSuffix", "jobTitle", "knowsAbout", "worksFor"]),
    };

    public static bool Defines(string type, string property)
    {
        for (var current = type; current is not null; current = Types[current].Parent)
        {
            if (Types[current].Properties.Contains(property, StringComparer.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every problem with <paramref name="node"/>'s JSON-LD: an object without a known @type, a property its type does not define.</summary>
    public static List<string> Problems(JsonNode? node, string path = "$")
    {
        var problems = new List<string>();
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    problems.AddRange(Problems(array[i], $"{path}[{i}]"));
                }
                break;
            case JsonObject json:
                var type = json["@type"]?.GetValue<string>();
                if (type is null || !Types.ContainsKey(type))
                {
                    problems.Add($"{path}: @type '{type}' is not one ClinicCms claims");
                    break;
                }
                foreach (var (name, value) in json)
                {
                    if (name.StartsWith('@'))
                    {
                        continue;
                    }
                    if (!Defines(type, name))
                    {
                        problems.Add($"{path}.{name}: not a property of {type}");
                    }
                    if (value is JsonObject or JsonArray)
                    {
                        problems.AddRange(Problems(value, $"{path}.{name}"));
                    }
                }
                break;
        }
        return problems;
    }
}
