using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// Content pickers load in batches: one SQL query per picker field per level, never one per item. Filter values
/// travel as SQL parameters, so every path or category shares one SQL text and one compiled query.
/// </summary>
public sealed class BatchingTests(BatchingTests.Site site) : IClassFixture<BatchingTests.Site>
{
    /// <summary>
    /// One site for the class, with 43 more FAQs; the tests only read it, one after another, and hold the app's clock
    /// around what they count (<see cref="SqlCommandCounter.HoldClock"/>).
    /// </summary>
    public sealed class Site : IAsyncLifetime
    {
        public SqlCommandCounter Counter { get; } = new();

        public ClinicCmsApp App { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            // The response cache and the published index are off here: the second run of a query must reach SQL to be counted.
            App = new ClinicCmsApp(settings: new Dictionary<string, string>
            {
                ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false",
                ["ClinicCms:GraphQL:PublishedIndexMaxItems"] = "0",
            }, services: Counter.CountIn);
            _ = App.CreateClient();
            var data = new JsonArray();
            for (var i = 0; i < 43; i++)
            {
                data.Add(new JsonObject
                {
                    ["ContentItemId"] = $"batchfaq{i:D18}",
                    ["ContentType"] = "FAQ",
                    ["Latest"] = true,
                    ["Published"] = true,
                    ["TitlePart"] = new JsonObject { ["Title"] = $"Batch question {i}?" },
                    ["FAQ"] = new JsonObject
                    {
                        ["Category"] = new JsonObject { ["Text"] = "general" },
                        ["Order"] = new JsonObject { ["Value"] = 100 + i },
                        ["RelatedTreatment"] = new JsonObject { ["ContentItemIds"] = new JsonArray(ClinicIds.TreatmentOverview) },
                    },
                });
            }
            var recipe = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = data }) };
            await App.RunRecipeTextAsync(recipe.ToJsonString(), "faqs.recipe.json");
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    private readonly SqlCommandCounter _counter = site.Counter;
    private readonly ClinicCmsApp _app = site.App;

    [Fact]
    public async Task Fifty_faqs_with_their_related_treatment_take_at_most_three_sql_commands()
    {
        var graphql = new GraphQLClient(_app.CreateClient());
        const string Query = "{ faq(first: 50, orderBy: { order: ASC }) { displayText relatedTreatment { contentItems { displayText ... on TreatmentOverview { path } } } } }";
        using var held = _counter.HoldClock();
        await graphql.DataAsync(Query); // builds and caches the schema and the document

        _counter.Reset();
        var data = await graphql.DataAsync(Query);

        var faqs = data["faq"]!.AsArray();
        Assert.Equal(50, faqs.Count);
        Assert.All(faqs, f => Assert.Equal("treatments/ketamine-infusion-therapy", f!["relatedTreatment"]!["contentItems"]![0]!["path"]!.GetValue<string>()));
        Assert.True(_counter.Commands.Count is >= 1 and <= 3, string.Join("\n---\n", _counter.Commands));
    }

    [Theory]
    [InlineData("query($v: String!) { faq(where: { category: $v }, orderBy: { order: ASC }) { displayText } }", "general", "safety-and-regulation")]
    [InlineData("query($v: String!) { article(where: { path: $v }) { displayText } }", "articles/how-many-ketamine-infusions-will-i-need", "articles/nothing-here")]
    [InlineData("query($v: String!) { faq(where: { displayText_contains: $v }) { displayText } }", "infusion", "Batch question")]
    public async Task Filter_values_are_sql_parameters_not_literals(string query, string oneValue, string otherValue)
    {
        var graphql = new GraphQLClient(_app.CreateClient());
        // Both once first: the items they select are then parsed and kept, and the runs below send the list query alone.
        using var held = _counter.HoldClock();
        await graphql.DataAsync(query, new { v = oneValue });
        await graphql.DataAsync(query, new { v = otherValue });

        _counter.Reset();
        var one = await graphql.DataAsync(query, new { v = oneValue });
        var first = _counter.Commands.ToList();
        _counter.Reset();
        var other = await graphql.DataAsync(query, new { v = otherValue });
        var second = _counter.Commands.ToList();

        Assert.NotEqual(one.ToJsonString(), other.ToJsonString()); // the two values select different items
        Assert.Equal(first, second);
        Assert.DoesNotContain(first, sql => sql.Contains(oneValue, StringComparison.Ordinal));
    }
}
