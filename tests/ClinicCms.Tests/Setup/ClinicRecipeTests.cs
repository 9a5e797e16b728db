using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using ClinicCms.Recipes;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Setup;

/// <summary>A fresh site started over HTTP is set up from the clinic recipe with the article, its FAQs and its treatment overview.</summary>
public sealed class ClinicRecipeTests(SharedClinicApp shared) : IClassFixture<SharedClinicApp>
{
    private readonly ClinicCmsApp _app = shared.App;

    [Fact]
    public async Task The_article_keeps_every_paragraph_of_the_clinics_text_word_for_word()
    {
        var source = await File.ReadAllTextAsync(RepositoryFiles.Shared("content/how-many-ketamine-infusions-will-i-need.txt"));
        var lines = source.Split('\n').Where(l => l.Length > 0).ToList();
        var headings = new[] { "How Many Ketamine Infusions Does a Person Need?", "Controlled Therapy", "Maintenance Infusions" };

        var article = await GetAsync(ClinicIds.Article);
        var html = article.Part("HtmlBodyPart").GetString("Html")!;

        Assert.Equal("How Many Ketamine Infusions Will I Need?", article.DisplayText);
        Assert.True(article.Published);
        var paragraphs = Elements(html, "p");
        Assert.Equal(lines.Skip(2).Where(l => !headings.Contains(l)).ToList(), paragraphs);
        Assert.Equal(headings, Elements(html, "h2"));
        Assert.Contains(paragraphs, p => p.Contains('\u2019', StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Contains('\u00a0', StringComparison.Ordinal));
        Assert.Equal("articles/how-many-ketamine-infusions-will-i-need", article.Part("AutoroutePart").GetString("Path"));
    }

    [Fact]
    public async Task Faqs_and_the_treatment_overview_link_to_each_other_both_ways()
    {
        var treatment = await GetAsync(ClinicIds.TreatmentOverview);
        var article = await GetAsync(ClinicIds.Article);
        var faqIds = Ids(treatment, "TreatmentOverview", "Faqs");

        Assert.True(faqIds.Count >= 6);
        foreach (var faqId in faqIds)
        {
            var faq = await GetAsync(faqId);
            Assert.Equal("FAQ", faq.ContentType);
            Assert.True(faq.Published);
            Assert.Equal([ClinicIds.TreatmentOverview], Ids(faq, "FAQ", "RelatedTreatment"));
        }
        var allFaqs = await _app.InScopeAsync(sp => sp.GetRequiredService<ClinicCmsDbContext>().ContentItems
            .Where(r => r.ContentType == "FAQ" && r.Published).Select(r => r.ContentItemId).ToListAsync());
        Assert.Equal(allFaqs.Order(), faqIds.Order());
        Assert.Equal([ClinicIds.Article], Ids(treatment, "TreatmentOverview", "RelatedArticles"));
        Assert.Equal([ClinicIds.TreatmentOverview], Ids(article, "Article", "RelatedTreatments"));
    }

    [Fact]
    public async Task The_treatment_overview_carries_the_articles_facts_in_structured_fields()
    {
        var treatment = await GetAsync(ClinicIds.TreatmentOverview);
        decimal Number(string field) => JsonNumbers.ToDecimal(treatment.Field("TreatmentOverview", field)!["Value"]!.AsValue());

        Assert.Equal((6m, 8m, 3m, 4m), (Number("SessionsMinimum"), Number("SessionsMaximum"), Number("WeeksMinimum"), Number("WeeksMaximum")));
        Assert.Equal((1m, 2m), (Number("MaintenancePerMonthMinimum"), Number("MaintenancePerMonthMaximum")));
        Assert.Equal("Treatment-resistant depression", treatment.Field("TreatmentOverview", "Condition").GetString("Text"));
        var regulatory = treatment.Field("TreatmentOverview", "RegulatoryStatus").GetString("Text")!;
        Assert.Contains("1970s", regulatory, StringComparison.Ordinal);
        Assert.Contains("2019", regulatory, StringComparison.Ordinal);
        Assert.Contains("off-label", regulatory, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_may_view_published_content_and_use_graphql()
    {
        var roles = await _app.InScopeAsync(sp => sp.GetRequiredService<ClinicCms.Content.Security.RoleStore>().ListAsync());

        var anonymous = roles.Single(r => r.Name == "Anonymous");
        Assert.Equal(["ExecuteGraphQL", "ViewContent"], anonymous.Permissions);
        Assert.Subset(roles.Select(r => r.Name).ToHashSet(), new HashSet<string> { "Administrator", "Editor", "Moderator", "Author", "Contributor", "Authenticated" });
        Assert.Contains("PublishOwnContent", roles.Single(r => r.Name == "Author").Permissions); // the stereotype's defaults
        Assert.Empty(roles.Single(r => r.Name == "Administrator").Permissions); // holds all without storing any
    }

    [Fact]
    public async Task Running_the_clinic_recipe_again_converges()
    {
        var before = await _app.InScopeAsync(Recipes.DatabaseSnapshot.TakeAsync);

        var report = await _app.InScopeAsync(sp => sp.GetRequiredService<RecipeExecutor>()
            .RunAsync(RecipeReader.ReadFile(RepositoryFiles.ClinicRecipe), new RecipeRunOptions()));

        Assert.Equal((0, 0, 9), (report.ItemsCreated, report.ItemsUpdated, report.ItemsUnchanged));
        Assert.Equal(before, await _app.InScopeAsync(Recipes.DatabaseSnapshot.TakeAsync));
    }

    private Task<ContentItem> GetAsync(string id) =>
        _app.InScopeAsync(async sp => (await sp.GetRequiredService<ContentService>().GetAsync(id))!);

    private static List<string> Ids(ContentItem item, string part, string field) =>
        item.Field(part, field)!["ContentItemIds"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();

    private static List<string> Elements(string html, string tag) =>
        System.Text.RegularExpressions.Regex.Matches(html, $"<{tag}>(.*?)</{tag}>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}
