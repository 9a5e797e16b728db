using System.Net;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Security;

/// <summary>
/// Anonymous GraphQL callers get no user names: owner and author read as null and "", and cannot be filtered or sorted on,
/// unless the site setting GraphQLSettings.ExposeAuthorsToAnonymous allows it.
/// </summary>
public sealed class AuthorVisibilityTests
{
    private const string Query = "{ faq(where: { contentItemId: \"4authorsfaq00000000000001\" }) { displayText owner author } }";

    [Fact]
    public async Task Anonymous_graphql_callers_never_see_owner_or_author_and_cached_answers_are_not_shared()
    {
        await using var app = new ClinicCmsApp();
        _ = app.CreateClient();
        await app.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Security", "Files", "authors.recipe.json"));
        var site = new SecuredSite(app);
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        using var anonymousHttp = site.Anonymous();
        var signedIn = new GraphQLClient(admin);
        var anonymous = new GraphQLClient(anonymousHttp);

        // The signed-in answer first, so a shared response cache would hand it to the anonymous caller.
        var named = (await signedIn.DataAsync(Query))["faq"]![0]!;
        var first = (await anonymous.DataAsync(Query))["faq"]![0]!;
        var again = (await anonymous.DataAsync(Query))["faq"]![0]!;
        var namedAgain = (await signedIn.DataAsync(Query))["faq"]![0]!;
        var (filterStatus, filtered) = await anonymous.PostAsync("{ faq(where: { author_starts_with: \"dr-\" }) { displayText } }");
        var (nestedStatus, nested) = await anonymous.PostAsync("{ faq(where: { OR: [{ owner: \"4janeowner000000000000001\" }] }) { displayText } }");
        var (sortStatus, sorted) = await anonymous.PostAsync("{ faq(orderBy: { author: ASC }) { displayText } }");

        Assert.Equal("dr-jane-doe", named["author"]!.GetValue<string>());
        Assert.Equal("4janeowner000000000000001", named["owner"]!.GetValue<string>());
        Assert.Equal("dr-jane-doe", namedAgain["author"]!.GetValue<string>());
        foreach (var answer in new[] { first, again })
        {
            Assert.Equal("Who answers?", answer["displayText"]!.GetValue<string>());
            Assert.Null(answer["owner"]);
            Assert.Equal("", answer["author"]!.GetValue<string>());
        }
        foreach (var (status, body) in new[] { (filterStatus, filtered), (nestedStatus, nested), (sortStatus, sorted) })
        {
            Assert.NotEqual(HttpStatusCode.OK, status);
            Assert.DoesNotContain("Who answers?", body.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains("owner or author", body.ToJsonString(), StringComparison.Ordinal);
        }

        // The site setting turns it on and off at once; answers cached under the other setting are not reused.
        await app.RunRecipeTextAsync(ExposeAuthors(true), "expose.recipe.json");
        var exposed = (await anonymous.DataAsync(Query))["faq"]![0]!;
        var (exposedFilterStatus, exposedFiltered) = await anonymous.PostAsync("{ faq(where: { author_starts_with: \"dr-\" }) { displayText } }");
        await app.RunRecipeTextAsync(ExposeAuthors(false), "hide.recipe.json");
        var hiddenAgain = (await anonymous.DataAsync(Query))["faq"]![0]!;

        Assert.Equal("dr-jane-doe", exposed["author"]!.GetValue<string>());
        Assert.Equal("4janeowner000000000000001", exposed["owner"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, exposedFilterStatus);
        Assert.Contains("Who answers?", exposedFiltered.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(hiddenAgain["owner"]);
        Assert.Equal("", hiddenAgain["author"]!.GetValue<string>());
    }

    private static string ExposeAuthors(bool on) =>
        $$"""{ "steps": [ { "name": "Settings", "GraphQLSettings": { "ExposeAuthorsToAnonymous": {{(on ? "true" : "false")}} } } ] }""";
}
