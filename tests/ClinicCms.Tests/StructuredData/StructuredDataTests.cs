using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.StructuredData;

/// <summary>
/// schema.org JSON-LD in GraphQL: the article as a MedicalWebPage with its last medical review, the treatment overview
/// as a MedicalTherapy, an FAQ as a Question, and an FAQPage per category; every property checked against the
/// types it claims (<see cref="SchemaOrgFacts"/>); published values for readers, the draft's for a previewer.
/// </summary>
[Collection(nameof(SeoSite))]
public sealed class StructuredDataTests(SeoSite shared)
{
    private readonly SecuredSite _site = shared.Site;

    [Fact]
    public async Task The_article_is_a_MedicalWebPage_with_its_last_review_and_markup_in_its_title_stays_escaped_text()
    {
        // A reviewer edits the seeded article's title (with markup) and publishes it: publishing records their medical review.
        var reviewer = new ContentUser("jsonld-reviewer", "jsonld-reviewer") { CanReview = true, CanPublish = true };
        const string title = "How Many Ketamine Infusions Will I Need? </script><script>alert(1)</script>";
        await SaveDraftAsync(ClinicIds.Article, title, reviewer);
        var published = await _site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().PublishAsync(ClinicIds.Article, reviewer));
        Assert.True(published.Succeeded, string.Join("; ", published.Errors.Select(e => e.Message)));
        var stored = (await _site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(ClinicIds.Article)))!;
        var review = stored.Get<MedicalReviewPart>(PartNames.MedicalReviewPart);
        Assert.False(string.IsNullOrEmpty(review.ReviewedBy));

        using var reader = await ReaderAsync();
        var text = (await new GraphQLClient(reader).DataAsync($$"""{ contentItem(contentItemId: "{{ClinicIds.Article}}") { ... on Article { jsonLd } } }"""))
            ["contentItem"]!["jsonLd"]!.GetValue<string>();
        Assert.DoesNotContain("<", text, StringComparison.Ordinal); // safe to put inside a script element as it is
        var jsonLd = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("https://schema.org", jsonLd["@context"]!.GetValue<string>());
        Assert.Equal("MedicalWebPage", jsonLd["@type"]!.GetValue<string>());
        Assert.Equal(title, jsonLd["name"]!.GetValue<string>());
        Assert.Equal(title, jsonLd["headline"]!.GetValue<string>());
        Assert.Equal("https://clinic.example/articles/how-many-ketamine-infusions-will-i-need", jsonLd["url"]!.GetValue<string>());
        Assert.StartsWith("How many ketamine infusions a course usually takes", jsonLd["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Ketamine, Treatment-resistant depression, Infusion therapy", jsonLd["keywords"]!.GetValue<string>());
        Assert.Equal(review.ReviewedUtc!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), jsonLd["lastReviewed"]!.GetValue<string>());
        Assert.Equal("Person", jsonLd["reviewedBy"]!["@type"]!.GetValue<string>());
        Assert.Equal(review.ReviewedBy, jsonLd["reviewedBy"]!["name"]!.GetValue<string>());
        Assert.Equal(stored.PublishedUtc!.Value, DateTime.Parse(jsonLd["datePublished"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal), TimeSpan.FromSeconds(1));
        Assert.Empty(SchemaOrgFacts.Problems(jsonLd));

        // A draft: readers keep the published JSON-LD, a previewer reading the draft gets the draft's values.
        await SaveDraftAsync(ClinicIds.Article, "How Many Ketamine Infusions: a draft", reviewer);
        var readerAgain = JsonNode.Parse((await new GraphQLClient(reader).DataAsync($$"""{ article(where: { contentItemId: "{{ClinicIds.Article}}" }) { jsonLd } }"""))
            ["article"]![0]!["jsonLd"]!.GetValue<string>())!;
        Assert.Equal(title, readerAgain["name"]!.GetValue<string>());
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var draft = JsonNode.Parse((await new GraphQLClient(editor).DataAsync($$"""{ article(status: DRAFT, where: { contentItemId: "{{ClinicIds.Article}}" }) { jsonLd } }"""))
            ["article"]![0]!["jsonLd"]!.GetValue<string>())!;
        Assert.Equal("How Many Ketamine Infusions: a draft", draft["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_treatment_overview_is_a_MedicalTherapy_and_an_FAQ_a_Question_with_its_accepted_answer()
    {
        using var reader = await ReaderAsync();
        var data = await new GraphQLClient(reader).DataAsync($$"""
            { treatmentOverview { path jsonLd seoMeta { canonical } }
              faq(where: { displayText: "Is ketamine FDA-approved?" }) { jsonLd } }
            """);
        var therapy = JsonNode.Parse(data["treatmentOverview"]![0]!["jsonLd"]!.GetValue<string>())!.AsObject();
        Assert.Equal("MedicalTherapy", therapy["@type"]!.GetValue<string>());
        Assert.Equal("Ketamine infusion therapy for treatment-resistant depression", therapy["name"]!.GetValue<string>());
        // The editor's canonical URL when the SEO tests set one, else the base URL and the path.
        var canonical = data["treatmentOverview"]![0]!["seoMeta"]!["canonical"]?.GetValue<string>();
        Assert.Equal(canonical ?? SeoSite.BaseUrl + "treatments/ketamine-infusion-therapy", therapy["url"]!.GetValue<string>());
        Assert.StartsWith("Ketamine has been FDA-approved as an anesthetic", therapy["legalStatus"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Some patients need one to two maintenance infusions", therapy["followup"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(SchemaOrgFacts.Problems(therapy));

        var question = JsonNode.Parse(data["faq"]![0]!["jsonLd"]!.GetValue<string>())!.AsObject();
        Assert.Equal("https://schema.org", question["@context"]!.GetValue<string>());
        Assert.Equal("Question", question["@type"]!.GetValue<string>());
        Assert.Equal("Is ketamine FDA-approved?", question["name"]!.GetValue<string>());
        Assert.Equal("Answer", question["acceptedAnswer"]!["@type"]!.GetValue<string>());
        Assert.StartsWith("<p>Ketamine has been FDA-approved", question["acceptedAnswer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(SchemaOrgFacts.Problems(question));
    }

    [Fact]
    public async Task The_FAQPage_of_a_category_lists_its_published_FAQs_in_order_with_sanitized_answers()
    {
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var ct = TestContext.Current.CancellationToken;
        using (var published = await editor.PostAsJsonAsync("/api/content", Faq("<b>Is an infusion safe?</b>", "Mostly. <script>alert(1)</script> **Ask** your doctor.", 0), ct))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        using (var draft = await editor.PostAsJsonAsync("/api/content?draft=true", Faq("A draft question?", "Not published.", 1), ct))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        }

        using var reader = await ReaderAsync();
        var client = new GraphQLClient(reader);
        var text = (await client.DataAsync("""{ faqPageJsonLd(category: "effects-and-timing") }"""))["faqPageJsonLd"]!.GetValue<string>();
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        var page = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("https://schema.org", page["@context"]!.GetValue<string>());
        Assert.Equal("FAQPage", page["@type"]!.GetValue<string>());
        var questions = page["mainEntity"]!.AsArray();
        Assert.Equal(
            ["<b>Is an infusion safe?</b>", "How soon will I feel the effects of ketamine?", "Will one ketamine infusion cure my depression?"],
            questions.Select(q => q!["name"]!.GetValue<string>()));
        var answer = questions[0]!["acceptedAnswer"]!["text"]!.GetValue<string>();
        Assert.Contains("<strong>Ask</strong>", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("script", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(SchemaOrgFacts.Problems(page));
        // The FAQPage names what it read, so a purge of any of these FAQs refreshes the page that shows it.
        using (var tagged = await reader.PostAsJsonAsync("/api/graphql", new { query = """{ faqPageJsonLd(category: "effects-and-timing") }""" }, ct))
        {
            var tags = tagged.Headers.GetValues(ClinicCms.GraphQL.Execution.ReadTags.Header).Single().Split(',');
            Assert.Equal("type:FAQ", tags[0]);
            Assert.Equal(questions.Count, tags.Count(t => t.StartsWith("item:", StringComparison.Ordinal)));
        }

        var every = await client.DataAsync("{ faqPageJsonLd faqCount }");
        var all = JsonNode.Parse(every["faqPageJsonLd"]!.GetValue<string>())!["mainEntity"]!.AsArray();
        Assert.Equal(every["faqCount"]!.GetValue<int>(), all.Count); // every published FAQ, not the draft
        Assert.DoesNotContain(all, q => q!["name"]!.GetValue<string>() == "A draft question?");
        var none = JsonNode.Parse((await client.DataAsync("""{ faqPageJsonLd(category: "<img src=x onerror=alert(1)>") }"""))["faqPageJsonLd"]!.GetValue<string>())!;
        Assert.Empty(none["mainEntity"]!.AsArray());

        // A caller without ViewContent gets 401, as for the FAQ list.
        var (status, body) = await new GraphQLClient(_site.Anonymous()).PostAsync("{ faqPageJsonLd }");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(body["data"]?["faqPageJsonLd"]?.GetValue<string>());
    }

    [Fact]
    public void The_fact_table_check_finds_a_property_the_claimed_type_does_not_define()
    {
        var problems = SchemaOrgFacts.Problems(JsonNode.Parse("""
            { "@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [ { "@type": "Question", "name": "Q", "lastReviewed": "2026-01-01",
              "acceptedAnswer": { "@type": "Answr", "text": "A" } } ] }
            """));
        Assert.Equal(["$.mainEntity[0].lastReviewed: not a property of Question", "$.mainEntity[0].acceptedAnswer: @type 'Answr' is not one ClinicCms claims"], problems);
    }

    private async Task<HttpClient> ReaderAsync() => _site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1"));

    private async Task SaveDraftAsync(string id, string title, ContentUser user)
    {
        var saved = await _site.App.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentService>();
            var latest = (await content.GetAsync(id, VersionOptions.Latest))!;
            latest.Apply(PartNames.TitlePart, new TitlePart { Title = title });
            return await content.SaveDraftAsync(latest, user);
        });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
    }

    private static JsonObject Faq(string question, string answer, int order) => new()
    {
        ["ContentType"] = "FAQ",
        ["TitlePart"] = new JsonObject { ["Title"] = question },
        ["FAQ"] = new JsonObject
        {
            ["Answer"] = new JsonObject { ["Markdown"] = answer },
            ["Category"] = new JsonObject { ["Text"] = "effects-and-timing" },
            ["Order"] = new JsonObject { ["Value"] = order },
        },
    };
}
