using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// Every GraphQL answer names what it read in a Cache-Tag header (type:{ContentType}, item:{contentItemId}), on a
/// MISS and a HIT alike, so a CDN purge or Next.js revalidateTag refreshes exactly the answers that showed an item.
/// </summary>
public sealed class CacheTagTests(SharedClinicApp site) : IClassFixture<SharedClinicApp>
{
    [Fact]
    public async Task A_list_answer_names_its_type_and_every_item_it_returned_on_a_miss_and_a_hit()
    {
        using var http = site.App.CreateClient();
        const string query = "{ faq(orderBy: { order: ASC }) { contentItemId } }";

        var (missCache, missTags, data) = await PostAsync(http, query);
        var (hitCache, hitTags, _) = await PostAsync(http, query);

        var ids = data["faq"]!.AsArray().Select(f => f!["contentItemId"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(("MISS", "HIT"), (missCache, hitCache));
        Assert.Equal(["type:FAQ", .. ids.Select(id => "item:" + id)], missTags.Split(','));
        Assert.Equal(missTags, hitTags);
    }

    [Fact]
    public async Task A_looked_up_item_is_named_with_its_type_on_a_miss_a_hit_and_over_GET()
    {
        using var http = site.App.CreateClient();
        var query = $$"""{ contentItem(contentItemId: "{{ClinicIds.Article}}") { contentItemId } }""";

        var (missCache, posted, _) = await PostAsync(http, query);
        var (hitCache, postedAgain, _) = await PostAsync(http, query);
        using var got = await http.GetAsync("/api/graphql?query=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);

        Assert.Equal(("MISS", "HIT"), (missCache, hitCache));
        Assert.Equal($"type:Article,item:{ClinicIds.Article}", posted);
        Assert.Equal(posted, postedAgain);
        Assert.True(got.IsSuccessStatusCode);
        Assert.Equal($"type:Article,item:{ClinicIds.Article}", got.Headers.GetValues(ReadTags.Header).Single());
    }

    [Fact]
    public async Task Items_reached_through_a_picker_are_named_too()
    {
        using var http = site.App.CreateClient();
        const string query = "{ article { contentItemId relatedTreatments { contentItems { contentItemId contentType } } } }";

        var (_, tags, data) = await PostAsync(http, query);

        var picked = data["article"]!.AsArray().SelectMany(a => a!["relatedTreatments"]!["contentItems"]!.AsArray()).ToList();
        Assert.Contains(picked, p => p!["contentItemId"]!.GetValue<string>() == ClinicIds.TreatmentOverview);
        var named = tags.Split(',');
        Assert.Contains("type:Article", named);
        Assert.Contains("type:TreatmentOverview", named);
        Assert.All(picked, p => Assert.Contains("item:" + p!["contentItemId"]!.GetValue<string>(), named));
        Assert.All(data["article"]!.AsArray(), a => Assert.Contains("item:" + a!["contentItemId"]!.GetValue<string>(), named));
    }

    [Fact]
    public async Task A_failed_answer_carries_no_cache_tag()
    {
        using var http = site.App.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query = "{ nosuchfield }" }, TestContext.Current.CancellationToken);

        Assert.False(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains(ReadTags.Header));
    }

    [Fact]
    public void Past_the_item_bound_only_the_types_are_named_and_unsafe_ids_are_left_out()
    {
        var tags = new ReadTags();
        tags.Items(Enumerable.Range(0, ReadTags.MaxItems + 1).Select(i => new ContentItem { ContentItemId = $"id{i}", ContentType = i % 2 == 0 ? "FAQ" : "Article" }));
        Assert.Equal("type:Article,type:FAQ", tags.HeaderValue());

        var few = new ReadTags();
        few.Items([new ContentItem { ContentItemId = "a,b", ContentType = "FAQ" }, new ContentItem { ContentItemId = "é", ContentType = "FAQ" },
            new ContentItem { ContentItemId = "ok1", ContentType = "FAQ" }]);
        Assert.Equal("type:FAQ,item:ok1", few.HeaderValue());
    }

    private static async Task<(string Cache, string Tags, JsonObject Data)> PostAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query });
        var body = (await GraphQLClient.Parse(response)).AsObject();
        Assert.True(response.IsSuccessStatusCode && body["errors"] is null, body.ToJsonString());
        return (response.Headers.GetValues("X-Cache").Single(), response.Headers.GetValues(ReadTags.Header).Single(), body["data"]!.AsObject());
    }
}
