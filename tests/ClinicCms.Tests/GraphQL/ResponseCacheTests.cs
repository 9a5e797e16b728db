using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>The GraphQL response cache answers repeats without the database, never across permission sets, and empties on every change.</summary>
public sealed class ResponseCacheTests
{
    private const string FaqQuery = "{ faq(orderBy: { order: ASC }) { contentItemId displayText } faqCount }";

    private static ClinicCmsApp CountingApp(SqlCommandCounter counter, bool cacheOn = true) => new(
        // The published index off: without the response cache, every query is then counted in SQL.
        settings: new Dictionary<string, string>
        {
            ["ClinicCms:GraphQL:ResponseCacheEnabled"] = cacheOn ? "true" : "false",
            ["ClinicCms:GraphQL:PublishedIndexMaxItems"] = "0",
        },
        services: counter.CountIn);

    [Fact]
    public async Task A_repeated_query_formatted_differently_is_answered_without_the_database()
    {
        var counter = new SqlCommandCounter();
        await using var app = CountingApp(counter);
        var graphql = new GraphQLClient(app.CreateClient());
        using var held = counter.HoldClock(); // no cache's once-a-second version check falls between the two reads
        var first = await graphql.DataAsync(FaqQuery);

        counter.Reset();
        var again = await graphql.DataAsync("""
            # the same query, laid out by another client
            {
              faq(orderBy: { order: ASC }) { contentItemId, displayText }
              faqCount
            }
            """);

        Assert.Empty(counter.Commands);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task With_the_cache_off_every_query_reaches_the_database()
    {
        var counter = new SqlCommandCounter();
        await using var app = CountingApp(counter, cacheOn: false);
        var graphql = new GraphQLClient(app.CreateClient());
        await graphql.DataAsync(FaqQuery);

        counter.Reset();
        await graphql.DataAsync(FaqQuery);

        Assert.NotEmpty(counter.Commands);
    }

    [Fact]
    public async Task Unpublish_publish_and_delete_each_empty_the_cache()
    {
        await using var app = new ClinicCmsApp();
        var graphql = new GraphQLClient(app.CreateClient());
        var before = await graphql.DataAsync(FaqQuery);
        var count = before["faqCount"]!.GetValue<int>();
        var id = before["faq"]![0]!["contentItemId"]!.GetValue<string>();

        await Change(app, c => c.UnpublishAsync(id, ContentUser.System));
        var unpublished = await graphql.DataAsync(FaqQuery);
        await Change(app, c => c.PublishAsync(id, new ContentUser(null, "test") { CanReview = true }));
        var republished = await graphql.DataAsync(FaqQuery);
        await Change(app, c => c.DeleteAsync(id, ContentUser.System));
        var deleted = await graphql.DataAsync(FaqQuery);

        Assert.Equal(count - 1, unpublished["faqCount"]!.GetValue<int>());
        Assert.DoesNotContain(unpublished["faq"]!.AsArray(), f => f!["contentItemId"]!.GetValue<string>() == id);
        Assert.Equal(count, republished["faqCount"]!.GetValue<int>());
        Assert.Equal(count - 1, deleted["faqCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_draft_seen_by_an_editor_is_never_served_to_a_caller_without_preview_rights()
    {
        await using var site = await SecuredSite.StartAsync();
        using var editor = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));
        using var reader = site.WithToken(await site.TokenAsync("reader-app", "Reader-app-secret-1"));
        using var draft = await editor.PostAsJsonAsync("/api/content?draft=true", new JsonObject
        {
            ["ContentType"] = "FAQ",
            ["TitlePart"] = new JsonObject { ["Title"] = "Unannounced: weekend infusions?" },
            ["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = 70 } },
        });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        const string DraftQuery = """{ faq(status: DRAFT, where: { displayText_contains: "weekend" }) { displayText } }""";

        var (editorStatus, editorBody) = await new GraphQLClient(editor).PostAsync(DraftQuery);
        var (readerStatus, readerBody) = await new GraphQLClient(reader).PostAsync(DraftQuery);
        var (anonymousStatus, anonymousBody) = await new GraphQLClient(site.Anonymous()).PostAsync(DraftQuery);

        Assert.Equal(HttpStatusCode.OK, editorStatus);
        Assert.Equal("Unannounced: weekend infusions?", editorBody["data"]!["faq"]![0]!["displayText"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, readerStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousStatus);
        Assert.DoesNotContain("weekend", readerBody.ToJsonString());
        Assert.DoesNotContain("weekend", anonymousBody.ToJsonString());
    }

    [Fact]
    public async Task Callers_with_different_permissions_never_share_an_answer()
    {
        await using var site = await SecuredSite.StartAsync();
        using var reader = site.WithToken(await site.TokenAsync("reader-app", "Reader-app-secret-1"));
        using var faqOnly = site.WithToken(await site.TokenAsync("faq-app", "Faq-app-secret-1"));
        const string Query = "{ article { displayText } }";

        var (readerStatus, readerBody) = await new GraphQLClient(reader).PostAsync(Query);
        var (faqOnlyStatus, faqOnlyBody) = await new GraphQLClient(faqOnly).PostAsync(Query);

        Assert.Equal(HttpStatusCode.OK, readerStatus);
        Assert.Single(readerBody["data"]!["article"]!.AsArray());
        Assert.NotEqual(readerBody.ToJsonString(), faqOnlyBody.ToJsonString());
        Assert.DoesNotContain("Ketamine Infusions Will I Need", faqOnlyBody.ToJsonString());
        Assert.True(faqOnlyStatus is HttpStatusCode.OK or HttpStatusCode.Unauthorized, faqOnlyStatus.ToString());
    }

    [Fact]
    public async Task A_get_answers_with_an_etag_then_304_until_the_content_changes()
    {
        await using var app = new ClinicCmsApp();
        using var http = app.CreateClient();
        const string Url = "/api/graphql?query={faqCount}";

        using var first = await http.GetAsync(Url);
        var etag = first.Headers.ETag!;
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, Url) { Headers = { IfNoneMatch = { etag } } };
        using var notModified = await http.SendAsync(revalidate);
        var id = await app.InScopeAsync(async sp => await sp.GetRequiredService<ClinicCmsDbContext>().ContentItems
            .Where(i => i.ContentType == "FAQ" && i.Published).Select(i => i.ContentItemId).FirstAsync());
        await Change(app, c => c.UnpublishAsync(id, ContentUser.System));
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, Url) { Headers = { IfNoneMatch = { etag } } };
        using var changed = await http.SendAsync(afterChange);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    private static Task<ContentSaveResult> Change(ClinicCmsApp app, Func<ContentService, Task<ContentSaveResult>> change) => app.InScopeAsync(async sp =>
    {
        var result = await change(sp.GetRequiredService<ContentService>());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result;
    });
}
