using System.Net;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Security;

/// <summary>Anonymous GraphQL callers get no user names: owner and author read as null and "", and cannot be filtered or sorted on.</summary>
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
    }
}
