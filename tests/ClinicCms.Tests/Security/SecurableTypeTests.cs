using System.Security.Claims;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.GraphQL.Queries;
using ClinicCms.Content.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Security;

/// <summary>A per-type permission counts only while its type is Securable; turning that on or off acts on the next check.</summary>
public sealed class SecurableTypeTests
{
    private static readonly ClaimsPrincipal FaqPreviewer = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "faq-previewer"), new Claim(ClaimTypes.Role, "FaqPreviewer")], "test"));

    [Fact]
    public async Task Turning_securable_off_and_on_again_changes_what_a_per_type_permission_allows_at_once()
    {
        await using var app = new ClinicCmsApp();
        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RoleStore>().SaveAsync(new RoleDefinition("FaqPreviewer", null, ["Preview_FAQ"]));
            return 0;
        });

        // The clinic recipe makes its types Securable.
        var before = await ScopesAsync(app);
        await SetSecurableAsync(app, "FAQ", false);
        var notSecurable = await ScopesAsync(app);
        await SetSecurableAsync(app, "FAQ", true);
        var after = await ScopesAsync(app);

        Assert.Equal((ReadScope.All, ReadScope.None), before);
        Assert.Equal((ReadScope.None, ReadScope.None), notSecurable);
        Assert.Equal((ReadScope.All, ReadScope.None), after);
    }

    private static Task<(ReadScope Faq, ReadScope Article)> ScopesAsync(ClinicCmsApp app) => app.InScopeAsync(async sp =>
    {
        var content = sp.GetRequiredService<ContentAuthorizer>();
        return (await content.ScopeAsync(FaqPreviewer, Permissions.PreviewContent, "FAQ"),
            await content.ScopeAsync(FaqPreviewer, Permissions.PreviewContent, "Article"));
    });

    private static Task<long> SetSecurableAsync(ClinicCmsApp app, string type, bool securable) => app.InScopeAsync(async sp =>
    {
        var store = sp.GetRequiredService<ContentDefinitionStore>();
        var copy = (await store.GetAsync()).Copy();
        var settings = copy.FindType(type)!.Settings;
        if (settings["ContentTypeSettings"] is not JsonObject typeSettings)
        {
            settings["ContentTypeSettings"] = typeSettings = [];
        }
        typeSettings["Securable"] = securable;
        return await store.SaveAsync(copy);
    });
}
