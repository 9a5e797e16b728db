using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// A picker's ids are decoded once per parsed field and shared by later requests: slicing them for one field, alias or
/// request never changes what another reads.
/// </summary>
public sealed class PickerIdsTests(SharedClinicApp site) : IClassFixture<SharedClinicApp>
{
    private const string Query = """
        { treatmentOverview(first: 1) { faqs {
            ids: contentItemIds
            last: contentItems(last: 1) { contentItemId }
            skipped: contentItems(skip: 1, first: 1) { contentItemId }
            all: contentItems { contentItemId }
        } } }
        """;

    [Fact]
    public async Task Slices_of_a_pickers_ids_leave_them_whole_for_the_next_field_and_request()
    {
        for (var request = 0; request < 3; request++)
        {
            using var http = site.App.CreateClient();
            using var response = await http.PostAsJsonAsync("/api/graphql", new { query = Query }, TestContext.Current.CancellationToken);
            var faqs = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["data"]!["treatmentOverview"]![0]!["faqs"]!;
            var ids = faqs["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
            static List<string> Of(JsonNode items) => [.. items.AsArray().Select(i => i!["contentItemId"]!.GetValue<string>())];

            Assert.True(ids.Count >= 3, "the clinic recipe's treatment overview picks several FAQs");
            Assert.Equal(ids, Of(faqs["all"]!)); // all published
            Assert.Equal([ids[^1]], Of(faqs["last"]!));
            Assert.Equal([ids[1]], Of(faqs["skipped"]!));
        }
    }
}
