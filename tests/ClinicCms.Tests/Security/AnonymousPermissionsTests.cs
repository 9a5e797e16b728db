using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Security;

/// <summary>
/// Anonymous requests share one set of permissions while the roles stay as they are; a change to the Anonymous role
/// acts on the very next anonymous request, through GraphQL's answers and Securable types' per-type permissions.
/// </summary>
public sealed class AnonymousPermissionsTests(SharedClinicApp site) : IClassFixture<SharedClinicApp>
{
    private const string Query = "{ faq(first: 1) { displayText } article(first: 1) { displayText } }";

    [Fact]
    public async Task A_change_to_the_anonymous_role_acts_on_the_next_anonymous_request()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymous = (await site.App.InScopeAsync(sp => sp.GetRequiredService<RoleStore>().FindAsync(Stereotypes.Anonymous, ct)))!;
        Assert.Contains(Permissions.ViewContent, anonymous.Permissions);
        try
        {
            Assert.Equal((true, true), await ReadsAsync());
            Assert.Equal((true, true), await ReadsAsync()); // the shared permissions, asked again

            await SaveAsync(anonymous with { Permissions = [.. anonymous.Permissions.Where(p => p != Permissions.ViewContent)] });
            Assert.Equal((false, false), await ReadsAsync());

            // The clinic recipe makes its types Securable, so View_FAQ lets anonymous callers read FAQs and nothing else.
            await SaveAsync(anonymous with { Permissions = [.. anonymous.Permissions.Where(p => p != Permissions.ViewContent), Permissions.ForType(Permissions.ViewContent, "FAQ")] });
            Assert.Equal((true, false), await ReadsAsync());
        }
        finally
        {
            await SaveAsync(anonymous);
        }
        Assert.Equal((true, true), await ReadsAsync());
    }

    // Whether an anonymous caller's query read FAQs and articles (a field it may not read answers null with an error).
    private async Task<(bool Faq, bool Article)> ReadsAsync()
    {
        using var http = site.App.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query = Query }, TestContext.Current.CancellationToken);
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["data"];
        return (data?["faq"] is JsonArray { Count: 1 }, data?["article"] is JsonArray { Count: 1 });
    }

    private Task<int> SaveAsync(RoleDefinition role) => site.App.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<RoleStore>().SaveAsync(role, TestContext.Current.CancellationToken);
        return 0;
    });
}
