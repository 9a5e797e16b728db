using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Bench;

/// <summary>
/// A recipe of N Articles with realistic 2-4 KB bodies, N/10 FAQs and N/100 treatment overviews with pickers
/// between them, on top of the clinic recipe's content types. Seeded, so every run imports the same site.
/// </summary>
public static class SiteGenerator
{
    private static readonly string[] Words =
    [
        "ketamine", "infusion", "patients", "treatment", "depression", "session", "relief", "clinic", "symptoms",
        "therapy", "weeks", "course", "maintenance", "effects", "doctor", "mood", "response", "dose", "schedule",
        "recovery", "support", "care", "plan", "results", "monitoring", "safety", "evidence", "research",
    ];

    private static readonly string[] Categories = ["treatment-course", "effects-and-timing", "maintenance", "safety-and-regulation", "general"];

    public static JsonObject Recipe(int articles, int seed = 42)
    {
        var random = new Random(seed);
        var treatments = Ids(Math.Max(1, articles / 100));
        var faqs = Ids(Math.Max(1, articles / 10));
        var articleIds = Ids(articles);
        var data = new JsonArray();
        foreach (var (id, i) in treatments.Select((id, i) => (id, i)))
        {
            data.Add(Item(id, "TreatmentOverview", $"Treatment overview {i}", new JsonObject
            {
                ["MarkdownBodyPart"] = new JsonObject { ["Markdown"] = Paragraphs(random, 3, "\n\n") },
                ["TreatmentOverview"] = new JsonObject
                {
                    ["Summary"] = Text(Sentence(random, 20)),
                    ["Condition"] = Text("Treatment-resistant depression"),
                    ["SessionsMinimum"] = Number(4),
                    ["SessionsMaximum"] = Number(8),
                    ["WeeksMinimum"] = Number(3),
                    ["WeeksMaximum"] = Number(6),
                    ["Faqs"] = Picker(faqs.Where((_, f) => f % treatments.Count == i)),
                    ["RelatedArticles"] = Picker(articleIds.Where((_, a) => a % treatments.Count == i).Take(10)),
                },
            }));
        }
        foreach (var (id, i) in faqs.Select((id, i) => (id, i)))
        {
            data.Add(Item(id, "FAQ", $"Question {i}: {Sentence(random, 8)}?", new JsonObject
            {
                ["FAQ"] = new JsonObject
                {
                    ["Answer"] = new JsonObject { ["Markdown"] = Paragraphs(random, 1, "\n\n") },
                    ["Category"] = Text(Categories[i % Categories.Length]),
                    ["Order"] = Number(i),
                    ["RelatedTreatment"] = Picker([treatments[i % treatments.Count]]),
                },
            }));
        }
        for (var i = 0; i < articles; i++)
        {
            data.Add(Item(articleIds[i], "Article", $"Article {i}: {Sentence(random, 6)}", new JsonObject
            {
                ["HtmlBodyPart"] = new JsonObject { ["Html"] = Html(random) },
                ["Article"] = new JsonObject
                {
                    ["Subtitle"] = Text(Sentence(random, 10)),
                    ["Summary"] = Text(Sentence(random, 25)),
                    ["Tags"] = new JsonObject { ["Values"] = new JsonArray("Ketamine", "Depression") },
                    ["RelatedTreatments"] = Picker([treatments[i % treatments.Count]]),
                },
            }));
        }
        return new JsonObject
        {
            ["name"] = "bench",
            ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = data }),
        };
    }

    private static List<string> Ids(int count) => Enumerable.Range(0, count).Select(_ => IdGenerator.NewId()).ToList();

    private static JsonObject Item(string id, string type, string title, JsonObject parts)
    {
        var item = new JsonObject
        {
            ["ContentItemId"] = id,
            ["ContentItemVersionId"] = IdGenerator.NewId(),
            ["ContentType"] = type,
            ["DisplayText"] = title,
            ["Latest"] = true,
            ["Published"] = true,
            ["TitlePart"] = new JsonObject { ["Title"] = title },
        };
        foreach (var (key, value) in parts)
        {
            item[key] = value?.DeepClone();
        }
        return item;
    }

    private static JsonObject Text(string text) => new() { ["Text"] = text };

    private static JsonObject Number(int value) => new() { ["Value"] = value };

    private static JsonObject Picker(IEnumerable<string> ids) => new() { ["ContentItemIds"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) };

    // 2-4 KB of HTML: headings and paragraphs.
    private static string Html(Random random)
    {
        var html = new StringBuilder();
        var target = random.Next(2048, 4096);
        while (html.Length < target)
        {
            html.Append("<h2>").Append(Sentence(random, 4)).Append("</h2><p>").Append(Paragraphs(random, 1, "")).Append("</p>");
        }
        return html.ToString();
    }

    private static string Paragraphs(Random random, int count, string separator) =>
        string.Join(separator, Enumerable.Range(0, count).Select(_ => string.Join(' ', Enumerable.Range(0, 5).Select(_ => Sentence(random, 12) + "."))));

    private static string Sentence(Random random, int words)
    {
        var text = string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
