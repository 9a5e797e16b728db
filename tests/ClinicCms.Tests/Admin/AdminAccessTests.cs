using System.Net;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Admin;

/// <summary>What each editor may reach in the admin, over HTTP.</summary>
[Collection(nameof(AdminSite))]
public sealed class AdminAccessTests(SharedSecuredSite shared)
{
    [Fact]
    public async Task The_admin_needs_a_sign_in_and_an_author_is_refused_someone_elses_item_but_edits_their_own()
    {
        var site = shared.Site;
        using var anonymous = site.Anonymous();
        using var writer = await site.SignedInAsync("writer", "Writer-password-1");
        using var reader = await site.SignedInAsync("reader", "Reader-password-1");

        using var notSignedIn = await anonymous.GetAsync("/admin");
        using var others = await writer.GetAsync($"/admin/content/{ClinicIds.Article}/edit");
        using var own = await writer.GetAsync("/admin/content/4writerdraft0000000000001/edit");
        var list = await writer.GetStringAsync("/admin/content");
        using var noPanel = await reader.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.StartsWith("/login", notSignedIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Writer&#x27;s draft?", list, StringComparison.Ordinal);
        Assert.DoesNotContain("How Many Ketamine Infusions", list, StringComparison.Ordinal); // an Author lists their own items
        Assert.Equal(HttpStatusCode.Redirect, noPanel.StatusCode);
        Assert.Equal("/denied", noPanel.Headers.Location!.AbsolutePath);
    }
}
