using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ClinicCms.Content.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Security;
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

    [Fact]
    public async Task Anonymous_callers_share_one_permissions_object_per_role_set_and_signed_in_callers_get_their_own()
    {
        var editor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "ed"), new Claim(ClaimTypes.Role, "Editor")], "test"));
        var (first, second, signedIn) = await site.App.InScopeAsync(async sp =>
        {
            var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
            var a = await sp.GetRequiredService<PermissionService>().ForAsync(anonymous);
            using var other = sp.CreateScope(); // another request
            var b = await other.ServiceProvider.GetRequiredService<PermissionService>().ForAsync(new ClaimsPrincipal(new ClaimsIdentity()));
            var e = await other.ServiceProvider.GetRequiredService<PermissionService>().ForAsync(editor);
            return (a, b, e);
        });
        Assert.Same(first, second);
        Assert.NotSame(first, signedIn);
        Assert.Equal("ed", signedIn.UserId);
        Assert.Null(first.UserId);

        var cache = await site.App.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<RolePermissionCache>()));
        var byRole = new Dictionary<string, HashSet<string>> { [Stereotypes.Anonymous] = [Permissions.ViewContent] };
        var shared = cache.Anonymous(byRole);
        Assert.Same(shared, cache.Anonymous(byRole));
        Assert.True(shared.Has(Permissions.ViewContent));
        var changed = cache.Anonymous(new Dictionary<string, HashSet<string>> { [Stereotypes.Anonymous] = [] });
        Assert.NotSame(shared, changed);
        Assert.False(changed.Has(Permissions.ViewContent));
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
