using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Bench;

/// <summary>
/// A recipe of N copies of the clinic recipe's seeded Article (its HTML body read in, about 4 KB each), each with its
/// own ids, title and path. Run on a site set up from the clinic recipe, whose treatment the copies point to.
/// </summary>
public static class ArticleClones
{
    public static JsonObject Recipe(string clinicRecipe, int count)
    {
        var seeded = JsonNode.Parse(File.ReadAllText(clinicRecipe), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!["steps"]!.AsArray()
            .Where(step => string.Equals(step!["name"]!.GetValue<string>(), "content", StringComparison.OrdinalIgnoreCase))
            .SelectMany(step => step!["data"]!.AsArray())
            .First(item => item!["ContentType"]!.GetValue<string>() == "Article")!.AsObject();
        var html = seeded["HtmlBodyPart"]!["Html"]!.GetValue<string>();
        if (html.StartsWith("[file:text('", StringComparison.Ordinal))
        {
            var relative = html["[file:text('".Length..html.IndexOf("')]", StringComparison.Ordinal)];
            html = File.ReadAllText(Path.Combine(Path.GetDirectoryName(clinicRecipe)!, relative));
        }
        var data = new JsonArray();
        for (var i = 1; i <= count; i++)
        {
            var item = seeded.DeepClone().AsObject();
            var title = $"{seeded["DisplayText"]!.GetValue<string>()} ({i})";
            item["ContentItemId"] = IdGenerator.NewId();
            item["ContentItemVersionId"] = IdGenerator.NewId();
            item["DisplayText"] = title;
            item["TitlePart"]!["Title"] = title;
            item["AutoroutePart"]!["Path"] = $"{seeded["AutoroutePart"]!["Path"]!.GetValue<string>()}-{i}";
            item["HtmlBodyPart"]!["Html"] = html;
            if (item["LocalizationPart"] is JsonObject localization)
            {
                localization["LocalizationSet"] = IdGenerator.NewId(); // each copy is an article of its own, not a translation
            }
            data.Add(item);
        }
        return new JsonObject
        {
            ["name"] = "bench-article-clones",
            ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = data }),
        };
    }
}
