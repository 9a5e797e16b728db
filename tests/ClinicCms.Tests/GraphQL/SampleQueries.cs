namespace ClinicCms.Tests.GraphQL;

/// <summary>The queries a frontend starts with (README), plus Orchard-shaped ones; checked against the schema by graphql-js.</summary>
public static class SampleQueries
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["newest articles"] = "{ article(first: 10, orderBy: { publishedUtc: DESC }) { displayText path summary publishedUtc } }",
        ["article by path"] = """
            query ArticleByPath($path: String!) {
              article(where: { path: $path }) { displayText subtitle htmlBody { html } heroImage { files { url mediaText } } }
            }
            """,
        ["faqs of a category"] = """
            query Faqs($category: String!) {
              faq(where: { category: $category }, orderBy: { order: ASC }, first: 50) {
                displayText answer { html } relatedTreatment { contentItems { displayText } }
              }
              faqCount(where: { category: $category })
            }
            """,
        ["treatment overview"] = """
            {
              treatmentOverview(where: { path: "treatments/ketamine-infusion-therapy" }) {
                displayText summary condition sessionsMinimum sessionsMaximum weeksMinimum weeksMaximum effectsFelt
                maintenanceSchedule regulatoryStatus markdownBody { html }
                faqs { contentItems { ... on FAQ { displayText answer { markdown } } } }
                relatedArticles { contentItems { ... on Article { displayText path } } }
              }
            }
            """,
        ["content item by id"] = """{ contentItem(contentItemId: "nh7bd7gx046qaj9thkj7tmbnjt") { contentType displayText ... on Article { path } } }""",
        ["orchard status filters"] = "{ article(status: PUBLISHED) { displayText published } }",
        ["orchard ordering"] = "{ article(orderBy: { publishedUtc: DESC, displayText: ASC }) { contentItemId displayText publishedUtc } }",
        ["orchard in filter"] = """{ article(where: { displayText_in: ["A", "B"] }) { contentItemId displayText } }""",
        ["orchard combinators"] = """{ faq(where: { AND: { OR: [{ order: 1 }, { displayText_ends_with: "?" }], NOT: { category: "general" } } }) { displayText } }""",
        ["orchard media files"] = "{ article { contentItemId heroImage { files(first: 10) { mediaText url } } } }",
    };
}
