using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Recipes.Export;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.StructuredData;

/// <summary>Orchard's SeoMetaPart on the clinic's types: imported and stored unchanged, validated, edited in the admin, read in GraphQL.</summary>
[Collection(nameof(SeoSite))]
public sealed class SeoMetaPartTests(SeoSite shared)
{
    private readonly SecuredSite _site = shared.Site;

    // An Orchard export's SeoMetaPart, every property set as Orchard writes them.
    private const string OrchardSeoMeta = """
        {
          "PageTitle": "How many infusions? <b>A guide</b>",
          "Render": true,
          "MetaDescription": "Course length & maintenance, in brief.",
          "MetaKeywords": "ketamine, infusions",
          "Canonical": "https://clinic.example/articles/seo-round-trip",
          "MetaRobots": "index, follow",
          "CustomMetaTags": [ { "Name": "author", "Content": "The clinic" }, { "Property": "article:section", "Content": "Treatments" } ],
          "DefaultSocialImage": { "Paths": [ "social/default.jpg" ], "MediaTexts": [ "A treatment room" ] },
          "OpenGraphImage": { "Paths": [ "social/og.jpg" ], "MediaTexts": [ "" ] },
          "OpenGraphType": "article",
          "OpenGraphTitle": "Ketamine infusions",
          "OpenGraphDescription": "How many infusions a course takes.",
          "TwitterImage": { "Paths": [], "MediaTexts": [] },
          "TwitterTitle": "Ketamine infusions",
          "TwitterDescription": "How many infusions a course takes.",
          "TwitterCard": "summary_large_image",
          "TwitterCreator": "@clinic",
          "TwitterSite": "@clinic",
          "GoogleSchema": "{ \"@context\": \"https://schema.org\", \"@type\": \"MedicalClinic\", \"name\": \"Clinic </script><script>alert(1)</script>\" }"
        }
        """;

    [Fact]
    public async Task An_Orchard_recipes_SeoMetaPart_is_stored_and_exported_unchanged_and_GraphQL_shows_it_as_seoMeta()
    {
        const string id = "seoroundtrip0000000000001";
        await _site.App.RunRecipeTextAsync($$"""
            { "steps": [ { "name": "content", "data": [ { "ContentItemId": "{{id}}", "ContentItemVersionId": "seoroundtripv000000000001",
              "ContentType": "Article", "Published": true, "Latest": true, "TitlePart": { "Title": "SEO round trip" },
              "AutoroutePart": { "Path": "articles/seo-round-trip" }, "Article": { "Summary": { "Text": "A summary." } },
              "SeoMetaPart": {{OrchardSeoMeta}} } ] } ] }
            """, "seo.recipe.json");

        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var stored = await editor.GetFromJsonAsync<JsonObject>($"/api/content/{id}", TestContext.Current.CancellationToken);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(OrchardSeoMeta), stored!["SeoMetaPart"]), stored["SeoMetaPart"]!.ToJsonString());
        var exported = await _site.App.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            await sp.GetRequiredService<RecipeExporter>().ExportAsync(output, types: new HashSet<string> { "Article" });
            return JsonNode.Parse(output.ToArray())!.AsObject();
        });
        var item = exported["steps"]!.AsArray().Where(s => s!["name"]!.GetValue<string>() == "Content")
            .SelectMany(s => s!["data"]!.AsArray()).Single(i => i!["ContentItemId"]!.GetValue<string>() == id)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(OrchardSeoMeta), item["SeoMetaPart"]), item["SeoMetaPart"]!.ToJsonString());

        using var reader = _site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1"));
        var data = await new GraphQLClient(reader).DataAsync($$"""
            { contentItem(contentItemId: "{{id}}") { ... on Article { seoMeta {
                render pageTitle metaDescription metaKeywords canonical metaRobots openGraphType openGraphTitle openGraphDescription
                twitterTitle twitterDescription twitterCard twitterCreator twitterSite googleSchema
                customMetaTags { name property content httpEquiv charset }
                defaultSocialImage { files { path mediaText } } openGraphImage { files { path } } twitterImage { files { path } } } } } }
            """);
        var seo = data["contentItem"]!["seoMeta"]!;
        Assert.True(seo["render"]!.GetValue<bool>());
        Assert.Equal("How many infusions? <b>A guide</b>", seo["pageTitle"]!.GetValue<string>()); // text, as stored: the frontend encodes it
        Assert.Equal("https://clinic.example/articles/seo-round-trip", seo["canonical"]!.GetValue<string>());
        Assert.Equal("summary_large_image", seo["twitterCard"]!.GetValue<string>());
        Assert.Equal("article:section", seo["customMetaTags"]![1]!["property"]!.GetValue<string>());
        Assert.Null(seo["customMetaTags"]![1]!["name"]);
        Assert.Equal("social/default.jpg", seo["defaultSocialImage"]!["files"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("A treatment room", seo["defaultSocialImage"]!["files"]![0]!["mediaText"]!.GetValue<string>());
        Assert.Empty(seo["twitterImage"]!["files"]!.AsArray());
        // As written, but safe inside the page's script element: no raw '<' to end it early.
        var schema = seo["googleSchema"]!.GetValue<string>();
        Assert.DoesNotContain("<", schema, StringComparison.Ordinal);
        Assert.Equal("Clinic </script><script>alert(1)</script>", JsonNode.Parse(schema)!["name"]!.GetValue<string>());
        Assert.Equal("MedicalClinic", JsonNode.Parse(schema)!["@type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Canonical", "javascript:alert(1)", "SeoMetaPart.Canonical", "absolute http or https URL")]
    [InlineData("Canonical", "/articles/relative", "SeoMetaPart.Canonical", "absolute http or https URL")]
    [InlineData("Canonical", "https://clinic.example/a b", "SeoMetaPart.Canonical", "absolute http or https URL")]
    [InlineData("MetaDescription", null, "SeoMetaPart.MetaDescription", "at most 1000 characters")]
    [InlineData("GoogleSchema", "{ not json", "SeoMetaPart.GoogleSchema", "must be JSON")]
    [InlineData("OpenGraphImage", "../../etc/passwd", "SeoMetaPart.OpenGraphImage.Paths[0]", "is not a media path")]
    [InlineData("CustomMetaTags", "<meta>", "SeoMetaPart.CustomMetaTags", "expected an array of meta tags")]
    public async Task A_bad_value_is_refused_with_400_naming_the_property_and_nothing_is_saved(string property, string? value, string path, string message)
    {
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var seo = new JsonObject
        {
            [property] = property switch
            {
                "MetaDescription" => new string('d', 1001),
                "OpenGraphImage" => new JsonObject { ["Paths"] = new JsonArray(value), ["MediaTexts"] = new JsonArray("") },
                _ => value,
            },
        };
        var title = $"Refused SEO {property} {path.Length}";
        var article = new JsonObject
        {
            ["ContentType"] = "Article",
            ["TitlePart"] = new JsonObject { ["Title"] = title },
            ["Article"] = new JsonObject { ["Summary"] = new JsonObject { ["Text"] = "x" } },
            ["SeoMetaPart"] = seo,
        };

        using var response = await editor.PostAsJsonAsync("/api/content?draft=true", article, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(path, body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
        var count = await new GraphQLClient(editor).DataAsync($$"""{ articleCount(status: LATEST, where: { displayText: "{{title}}" }) }""");
        Assert.Equal(0, count["articleCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_admin_edits_the_part_shows_markup_as_text_and_puts_a_bad_canonical_beside_its_field()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await _site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var url = $"/admin/content/{ClinicIds.TreatmentOverview}/edit";
        var values = BadInputTests.FormValues(await admin.GetStringAsync(url, ct));
        Assert.Contains("SeoMetaPart.PageTitle", values.Keys);
        Assert.Contains("SeoMetaPart.OpenGraphTitle", values.Keys); // the clinic recipe shows Open Graph and Twitter
        Assert.DoesNotContain("SeoMetaPart.MetaKeywords", values.Keys); // but not keywords (Orchard's DisplayKeywords)
        Assert.StartsWith("A course of IV ketamine infusions", values["SeoMetaPart.MetaDescription"], StringComparison.Ordinal);

        values["SeoMetaPart.Canonical"] = "ftp://clinic.example/treatments";
        values["action"] = "publish";
        using (var refused = await admin.PostAsync(url, new FormUrlEncodedContent(values), ct))
        {
            var page = await refused.Content.ReadAsStringAsync(ct);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Matches("id=\"f-SeoMetaPart-Canonical-error\">the canonical URL must be an absolute http or https URL", page);
        }

        values["SeoMetaPart.PageTitle"] = "<script>alert(1)</script> Ketamine therapy";
        values["SeoMetaPart.Canonical"] = "https://clinic.example/treatments/ketamine-infusion-therapy";
        values["SeoMetaPart.OpenGraphImage.Paths"] = "social/ketamine.jpg";
        values["SeoMetaPart.OpenGraphImage.MediaTexts"] = "An infusion chair";
        values["SeoMetaPart.Render"] = "false";
        using (var saved = await admin.PostAsync(url, new FormUrlEncodedContent(values), ct))
        {
            Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, saved.StatusCode.ToString());
            Assert.DoesNotContain("field-error", await saved.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        var again = await admin.GetStringAsync(url, ct);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; Ketamine therapy\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", again, StringComparison.Ordinal);

        using var reader = _site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1"));
        var data = await new GraphQLClient(reader).DataAsync($$"""
            { contentItem(contentItemId: "{{ClinicIds.TreatmentOverview}}") { ... on TreatmentOverview { seoMeta { render pageTitle canonical metaDescription openGraphImage { files { path mediaText } } } } } }
            """);
        var seo = data["contentItem"]!["seoMeta"]!;
        Assert.False(seo["render"]!.GetValue<bool>());
        Assert.Equal("<script>alert(1)</script> Ketamine therapy", seo["pageTitle"]!.GetValue<string>());
        Assert.Equal("https://clinic.example/treatments/ketamine-infusion-therapy", seo["canonical"]!.GetValue<string>());
        Assert.Equal("An infusion chair", seo["openGraphImage"]!["files"]![0]!["mediaText"]!.GetValue<string>());
        Assert.StartsWith("A course of IV ketamine infusions", seo["metaDescription"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
