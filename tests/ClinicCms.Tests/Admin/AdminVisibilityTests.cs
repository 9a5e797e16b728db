using System.Net;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Admin;

/// <summary>Authors and Contributors see only items they could open: in the dashboard, the list, pickers and bulk actions.</summary>
[Collection(nameof(AdminSite))]
public sealed class AdminVisibilityTests(SharedSecuredSite shared)
{
    private const string OthersDraft = "4zebradraft00000000000001";
    private const string WritersDraft = "4writerdraft0000000000001";

    [Fact]
    public async Task Authors_and_contributors_never_see_the_titles_of_other_users_drafts()
    {
        var site = shared.Site;
        await site.App.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Admin", "Files", "visibility.recipe.json"));
        using var chief = await site.SignedInAsync("chief", "Chief-password-1");
        using var writer = await site.SignedInAsync("writer", "Writer-password-1");
        using var contrib = await site.SignedInAsync("contrib", "Contrib-password-1");

        // An Editor sees the other user's draft everywhere, so the data is there to leak.
        Assert.Contains("Zebra secret", await chief.GetStringAsync("/admin"), StringComparison.Ordinal);
        Assert.Contains("Zebra secret", await chief.GetStringAsync("/admin/api/content?q=zebra"), StringComparison.Ordinal);

        foreach (var (http, name) in new[] { (writer, "writer"), (contrib, "contrib") })
        {
            var bodies = new List<string>
            {
                await http.GetStringAsync("/admin"),
                await http.GetStringAsync("/admin/content?q=zebra"),
                await http.GetStringAsync("/admin/content?status=Draft"),
                await http.GetStringAsync("/admin/api/content?q=zebra"),
                await http.GetStringAsync("/admin/api/content?types=FAQ"),
                await http.GetStringAsync("/admin/content/new/TreatmentOverview"), // its FAQ picker's options
            };
            var picked = await http.GetStringAsync("/admin/api/content?q=zebra");
            Assert.Contains("Zebra public answer", picked, StringComparison.Ordinal); // others' published items may be picked

            var token = SecuredSite.AntiforgeryToken(await http.GetStringAsync("/admin/content"));
            using var confirm = await PostBulkAsync(http, "Confirm", token, "Delete", OthersDraft);
            using var bulk = await PostBulkAsync(http, "Bulk", token, "Delete", WritersDraft, OthersDraft);
            bodies.Add(await confirm.Content.ReadAsStringAsync());
            bodies.Add(await bulk.Content.ReadAsStringAsync());

            foreach (var body in bodies)
            {
                Assert.DoesNotContain("Zebra secret", body, StringComparison.Ordinal);
                if (name == "contrib")
                {
                    Assert.DoesNotContain("Writer", body, StringComparison.Ordinal);
                }
            }
            Assert.Equal(HttpStatusCode.Forbidden, confirm.StatusCode);
            Assert.Contains(OthersDraft, bodies[^2], StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        }

        // The refused batch changed nothing: the writer's own draft was not deleted with it.
        using var own = await writer.GetAsync($"/admin/content/{WritersDraft}/edit");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var dashboard = await writer.GetStringAsync("/admin");
        Assert.Contains("Writer&#x27;s draft?", dashboard, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostBulkAsync(HttpClient http, string handler, string token, string action, params string[] ids)
    {
        var form = new List<KeyValuePair<string, string>> { new("action", action), new("__RequestVerificationToken", token) };
        form.AddRange(ids.Select(id => new KeyValuePair<string, string>("ids", id)));
        return http.PostAsync($"/admin/content?handler={handler}", new FormUrlEncodedContent(form));
    }
}
