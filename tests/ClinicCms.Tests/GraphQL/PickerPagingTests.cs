using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// A picker's first / last / skip count among the targets the caller may see, so a page is as long as it says even
/// when some picked items are unpublished; contentItemIds still pages the stored ids. The answer's Cache-Tag names
/// every picked item, as each visible one can shift the page and each hidden one, once published, changes it.
/// </summary>
public sealed class PickerPagingTests
{
    private const string Query = """
        { treatmentOverview(first: 1) { faqs {
            ids: contentItemIds
            firstIds: contentItemIds(first: 2)
            first: contentItems(first: 2) { contentItemId }
            skipped: contentItems(skip: 1, first: 2) { contentItemId }
            last: contentItems(last: 2) { contentItemId }
            lastSkipped: contentItems(skip: 3, last: 1) { contentItemId }
            beyond: contentItems(skip: 100) { contentItemId }
            all: contentItems { contentItemId }
        } } }
        """;

    [Fact]
    public async Task First_last_and_skip_page_the_visible_targets_not_the_stored_ids()
    {
        await using var app = new ClinicCmsApp();
        var graphql = new GraphQLClient(app.CreateClient());
        var ids = Ids((await FaqsAsync(graphql))["ids"]!);
        Assert.True(ids.Count >= 6, "the clinic recipe's treatment overview picks several FAQs");
        string[] hidden = [ids[0], ids[2], ids[^2]]; // at the front and the back, so that first, skip and last all shift
        foreach (var id in hidden)
        {
            var result = await app.InScopeAsync(sp => sp.GetRequiredService<ContentService>().UnpublishAsync(id, ContentUser.System));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        var faqs = await FaqsAsync(graphql);
        var visible = ids.Except(hidden).ToList();

        Assert.Equal(ids, Ids(faqs["ids"]!));
        Assert.Equal(ids[..2], Ids(faqs["firstIds"]!));
        Assert.Equal(visible, Ids(faqs["all"]!));
        Assert.Equal(visible[..2], Ids(faqs["first"]!));
        Assert.Equal(visible[1..3], Ids(faqs["skipped"]!));
        Assert.Equal(visible[^2..], Ids(faqs["last"]!));
        Assert.Equal([visible[^1]], Ids(faqs["lastSkipped"]!));
        Assert.Empty(Ids(faqs["beyond"]!));

        using var http = app.CreateClient();
        using var onePage = await http.PostAsJsonAsync("/api/graphql", new { query = "{ treatmentOverview(first: 1) { faqs { contentItems(first: 1) { contentItemId } } } }" },
            TestContext.Current.CancellationToken);
        var tags = onePage.Headers.GetValues(ReadTags.Header).Single().Split(',');
        Assert.All(visible, id => Assert.Contains($"item:{id}", tags));
        Assert.All(hidden, id => Assert.Contains($"item:{id}", tags));
    }

    private static async Task<JsonNode> FaqsAsync(GraphQLClient graphql) =>
        (await graphql.DataAsync(Query))["treatmentOverview"]![0]!["faqs"]!;

    private static List<string> Ids(JsonNode list) =>
        [.. list.AsArray().Select(i => i is JsonObject item ? item["contentItemId"]!.GetValue<string>() : i!.GetValue<string>())];
}
