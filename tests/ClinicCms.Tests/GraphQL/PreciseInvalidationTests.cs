using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// A content change evicts only the cached answers that read its type or looked its item up; a definitions change
/// empties the cache. Every cacheable answer says X-Cache: HIT or MISS. One site for the class.
/// </summary>
public sealed class PreciseInvalidationTests(PreciseInvalidationTests.Site site) : IClassFixture<PreciseInvalidationTests.Site>
{
    private const string ArticleQuery = "{ article { contentItemId displayText } }";
    private const string FaqQuery = "{ faq(orderBy: { order: ASC }) { contentItemId displayText } faqCount }";
    private const string ArticleLookup = "query ($id: String!) { contentItem(contentItemId: $id) { contentItemId displayText } }";
    private const string PickedItems = "{ article { relatedTreatments { contentItems { displayText } } } }";

    public sealed class Site : IAsyncLifetime
    {
        public ClinicCmsApp App { get; } = new();

        public ValueTask InitializeAsync()
        {
            _ = App.Services;
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    [Fact]
    public async Task Publishing_an_FAQ_keeps_cached_article_answers_and_evicts_cached_FAQ_answers()
    {
        using var http = site.App.CreateClient();
        await CachedAsync(http, ArticleQuery);
        var (_, faqBefore) = await CachedAsync(http, FaqQuery);

        var faq = await PublishNewFaqAsync("Is there parking nearby?");

        var (articleCache, _) = await QueryAsync(http, ArticleQuery);
        var (faqCache, faqAfter) = await QueryAsync(http, FaqQuery);
        Assert.Equal("HIT", articleCache);
        Assert.Equal("MISS", faqCache);
        Assert.Equal(faqBefore["faqCount"]!.GetValue<int>() + 1, faqAfter["faqCount"]!.GetValue<int>());
        Assert.Contains(faqAfter["faq"]!.AsArray(), f => f!["contentItemId"]!.GetValue<string>() == faq);
    }

    [Fact]
    public async Task A_looked_up_item_is_evicted_by_its_own_change_only()
    {
        using var http = site.App.CreateClient();
        var variables = new { id = ClinicIds.Article };
        await CachedAsync(http, ArticleLookup, variables);
        var other = await PublishNewArticleDraftAsync();

        Assert.Equal("HIT", (await QueryAsync(http, ArticleLookup, variables)).Cache);

        await ChangeAsync(c => c.UnpublishAsync(ClinicIds.Article, ContentUser.System));
        var (afterUnpublish, gone) = await QueryAsync(http, ArticleLookup, variables);
        await ChangeAsync(c => c.PublishAsync(ClinicIds.Article, new ContentUser(null, "test") { CanReview = true }));
        var (afterPublish, back) = await QueryAsync(http, ArticleLookup, variables);

        Assert.NotEqual(ClinicIds.Article, other);
        Assert.Equal("MISS", afterUnpublish);
        Assert.Null(gone["contentItem"]);
        Assert.Equal("MISS", afterPublish);
        Assert.Equal(ClinicIds.Article, back["contentItem"]!["contentItemId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Picked_items_of_any_type_make_an_answer_depend_on_every_type()
    {
        using var http = site.App.CreateClient();
        await CachedAsync(http, PickedItems);

        await PublishNewFaqAsync("Can I bring a companion?");

        Assert.Equal("MISS", (await QueryAsync(http, PickedItems)).Cache);
    }

    [Fact]
    public async Task A_draft_saved_beside_no_published_version_keeps_published_answers_and_evicts_answers_that_read_drafts()
    {
        const string FaqDrafts = "{ faq(status: LATEST, orderBy: { order: ASC }) { contentItemId displayText } faqCount(status: LATEST) }";
        using var anonymous = site.App.CreateClient();
        using var editor = await new Security.SecuredSite(site.App).SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        await CachedAsync(anonymous, FaqQuery);
        await CachedAsync(editor, FaqQuery);
        var (_, draftsBefore) = await CachedAsync(editor, FaqDrafts);

        var draft = await site.App.InScopeAsync(async sp =>
        {
            var faq = ContentService.New("FAQ");
            faq.Parts["TitlePart"] = new JsonObject { ["Title"] = "Do you infuse on Sundays?" };
            faq.Parts["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = 96 } };
            var saved = await sp.GetRequiredService<ContentService>().CreateAsync(faq, publish: false, new ContentUser(null, "test") { CanReview = true });
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            return saved.Item!.ContentItemId;
        });

        var (anonymousCache, _) = await QueryAsync(anonymous, FaqQuery);
        var (editorCache, _) = await QueryAsync(editor, FaqQuery);
        var (draftsCache, draftsAfter) = await QueryAsync(editor, FaqDrafts);
        Assert.Equal("HIT", anonymousCache);
        Assert.Equal("HIT", editorCache);
        Assert.Equal("MISS", draftsCache);
        Assert.Equal(draftsBefore["faqCount"]!.GetValue<int>() + 1, draftsAfter["faqCount"]!.GetValue<int>());
        Assert.Contains(draftsAfter["faq"]!.AsArray(), f => f!["contentItemId"]!.GetValue<string>() == draft);

        // Publishing it changes the published view: the published answers go too.
        await ChangeAsync(c => c.PublishAsync(draft, new ContentUser(null, "test") { CanReview = true }));
        Assert.Equal("MISS", (await QueryAsync(anonymous, FaqQuery)).Cache);
    }

    [Fact]
    public async Task A_definitions_change_empties_the_cache()
    {
        using var http = site.App.CreateClient();
        await CachedAsync(http, ArticleQuery);
        await CachedAsync(http, FaqQuery);

        await site.App.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ClinicCms.Content.Definitions.ContentDefinitionStore>();
            var copy = (await store.GetAsync()).Copy();
            copy.FindType("FAQ")!.DisplayName = "Frequently asked question";
            return await store.SaveAsync(copy);
        });

        Assert.Equal("MISS", (await QueryAsync(http, ArticleQuery)).Cache);
        Assert.Equal("MISS", (await QueryAsync(http, FaqQuery)).Cache);
    }

    [Fact]
    public async Task Answers_that_are_not_cacheable_carry_no_cache_header()
    {
        using var http = site.App.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query = "{ nosuchfield }" }, TestContext.Current.CancellationToken);

        Assert.False(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("X-Cache"));
    }

    /// <summary>Runs a query until it is cached: the second answer must be a HIT with the same body.</summary>
    internal static async Task<(string Cache, JsonObject Data)> CachedAsync(HttpClient http, string query, object? variables = null)
    {
        var (_, first) = await QueryAsync(http, query, variables);
        var (cache, second) = await QueryAsync(http, query, variables);
        Assert.Equal("HIT", cache);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        return (cache, second);
    }

    internal static async Task<(string Cache, JsonObject Data)> QueryAsync(HttpClient http, string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query, variables });
        var body = (await GraphQLClient.Parse(response)).AsObject();
        Assert.True(response.IsSuccessStatusCode && body["errors"] is null, body.ToJsonString());
        return (response.Headers.GetValues("X-Cache").Single(), body["data"]!.AsObject());
    }

    private Task<string> PublishNewFaqAsync(string question) => site.App.InScopeAsync(async sp =>
    {
        var faq = ContentService.New("FAQ");
        faq.Parts["TitlePart"] = new JsonObject { ["Title"] = question };
        faq.Parts["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = 95 } };
        var saved = await sp.GetRequiredService<ContentService>().CreateAsync(faq, publish: true, new ContentUser(null, "test") { CanReview = true });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        return saved.Item!.ContentItemId;
    });

    // Another article changes: a lookup of the seeded one keeps its cached answer.
    private Task<string> PublishNewArticleDraftAsync() => site.App.InScopeAsync(async sp =>
    {
        var cloned = await sp.GetRequiredService<ContentService>().CloneAsync(ClinicIds.Article, new ContentUser(null, "test") { CanReview = true });
        Assert.True(cloned.Succeeded, string.Join("; ", cloned.Errors));
        return cloned.Item!.ContentItemId;
    });

    private Task<ContentSaveResult> ChangeAsync(Func<ContentService, Task<ContentSaveResult>> change) => site.App.InScopeAsync(async sp =>
    {
        var result = await change(sp.GetRequiredService<ContentService>());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result;
    });
}
