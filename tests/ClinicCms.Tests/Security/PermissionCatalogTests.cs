using ClinicCms.Content.Security;

namespace ClinicCms.Tests.Security;

public sealed class PermissionCatalogTests
{
    [Theory]
    [InlineData("PublishContent", "ViewOwnContent", true)]
    [InlineData("EditContent", "PreviewContent", true)]
    [InlineData("PublishOwnContent", "EditOwnContent", true)]
    [InlineData("EditOwnContent", "ViewOwnContent", false)]
    [InlineData("ViewContent", "EditContent", false)]
    [InlineData("ExecuteGraphQLMutations", "ExecuteGraphQL", true)]
    [InlineData("PublishContent", "Publish_FAQ", true)]
    [InlineData("Publish_FAQ", "View_FAQ", true)]
    [InlineData("View_FAQ", "ViewOwn_FAQ", true)]
    [InlineData("View_FAQ", "View_Article", false)]
    [InlineData("ViewOwnContent", "ViewOwn_FAQ", true)]
    [InlineData("Edit_FAQ", "Preview_FAQ", true)]
    public void Orchards_implication_chains_hold(string held, string asked, bool granted) =>
        Assert.Equal(granted, PermissionCatalog.Grants(new HashSet<string> { held }, asked));
}
