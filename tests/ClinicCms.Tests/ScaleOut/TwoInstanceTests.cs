using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Recipes;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Security.Failures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.ScaleOut;

/// <summary>Two real instances behind an imaginary load balancer: what one does, the other sees and honours.</summary>
public sealed class TwoInstanceTests(ScaleOutCluster cluster) : IClassFixture<ScaleOutCluster>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Setup_runs_once_when_both_instances_start_together()
    {
        cluster.Require();
        var (users, versions, setups) = await cluster.B.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCms.Content.Store.ClinicCmsDbContext>();
            var admins = await sp.GetRequiredService<UserManager<IdentityUser>>().Users.CountAsync(u => u.UserName == "admin");
            var articleVersions = await db.ContentItems.CountAsync(i => i.ContentItemId == ClinicIds.Article);
            var setupDocuments = await db.SiteDocuments.CountAsync(d => d.Name == ClinicCms.Content.Store.SiteDocumentNames.Setup);
            return (admins, articleVersions, setupDocuments);
        });

        Assert.Equal(1, users);
        Assert.Equal(1, versions);
        Assert.Equal(1, setups);
    }

    [Fact]
    public async Task An_item_published_through_A_is_served_by_B_within_one_second()
    {
        cluster.Require();
        using var editorOnA = new SecuredSite(cluster.A).WithToken(await new SecuredSite(cluster.A).TokenAsync("editor-app", "Editor-app-secret-1"));
        var graphqlOnB = await ScaleOutCluster.FrontendAsync(cluster.B, cluster.B);
        var question = $"Is parking free? {Guid.NewGuid():N}";
        var query = $$"""{ faq(where: { displayText: "{{question}}" }) { displayText } }""";
        Assert.Empty((await graphqlOnB.DataAsync(query))["faq"]!.AsArray());

        using var publish = await editorOnA.PostAsJsonAsync("/api/content", new JsonObject
        {
            ["ContentType"] = "FAQ",
            ["TitlePart"] = new JsonObject { ["Title"] = question },
            ["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = 90 } },
        });
        Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());

        Assert.True(await WithinOneSecondAsync(async () => (await graphqlOnB.DataAsync(query))["faq"]!.AsArray().Count == 1),
            "B did not serve the FAQ published through A within one second.");
    }

    [Fact]
    public async Task An_FAQ_published_through_A_evicts_Bs_cached_FAQ_answer_and_keeps_its_article_answer()
    {
        cluster.Require();
        using var editorOnA = new SecuredSite(cluster.A).WithToken(await new SecuredSite(cluster.A).TokenAsync("editor-app", "Editor-app-secret-1"));
        using var readerOnB = new SecuredSite(cluster.B).WithToken(await new SecuredSite(cluster.B).TokenAsync("reader-app", "Reader-app-secret-1"));
        const string ArticleQuery = "{ article { contentItemId displayText } }";
        const string FaqQuery = "{ faq { displayText } faqCount }";
        await PreciseInvalidationTests.CachedAsync(readerOnB, ArticleQuery);
        var (_, before) = await PreciseInvalidationTests.CachedAsync(readerOnB, FaqQuery);

        using var publish = await editorOnA.PostAsJsonAsync("/api/content", new JsonObject
        {
            ["ContentType"] = "FAQ",
            ["TitlePart"] = new JsonObject { ["Title"] = $"Is the waiting room quiet? {Guid.NewGuid():N}" },
            ["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = 91 } },
        });
        Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());
        var faqCache = "";
        var count = 0;
        Assert.True(await WithinOneSecondAsync(async () =>
        {
            (faqCache, var data) = await PreciseInvalidationTests.QueryAsync(readerOnB, FaqQuery);
            count = data["faqCount"]!.GetValue<int>();
            return count == before["faqCount"]!.GetValue<int>() + 1;
        }), "B did not serve the new FAQ within one second.");
        var (articleCache, _) = await PreciseInvalidationTests.QueryAsync(readerOnB, ArticleQuery);

        Assert.Equal("MISS", faqCache);
        Assert.Equal("HIT", articleCache);
    }

    [Fact]
    public async Task A_field_added_to_a_type_through_A_appears_in_Bs_schema()
    {
        cluster.Require();
        var graphqlOnB = await ScaleOutCluster.FrontendAsync(cluster.B, cluster.B);
        const string query = "{ treatmentOverview { displayText sessionLength } }";
        Assert.Equal(HttpStatusCode.BadRequest, (await graphqlOnB.PostAsync(query)).Status);
        // B hears of the change over Redis at once, rather than at its next once-a-second look at the database.
        var signalOnB = cluster.B.Services.GetRequiredService<ClinicCms.Content.Changes.ContentChanges>();
        var stampOnB = signalOnB.DefinitionsStamp;

        await cluster.A.InScopeAsync(sp =>
        {
            using var stream = new MemoryStream("""
                { "steps": [ { "name": "ContentDefinition", "ContentParts": [ { "Name": "TreatmentOverview", "ContentPartFieldDefinitionRecords": [
                  { "FieldName": "TextField", "Name": "SessionLength", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Session length" } } } ] } ] } ] }
                """u8.ToArray());
            return sp.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.Read(stream, "session-length.recipe.json", Path.GetTempPath()), new RecipeRunOptions());
        });

        Assert.True(await WithinOneSecondAsync(async () => (await graphqlOnB.PostAsync(query)).Status == HttpStatusCode.OK),
            "B's schema did not gain the field added through A within one second.");
        Assert.True(signalOnB.DefinitionsStamp > stampOnB, "B was not notified of the definition change over Redis.");
    }

    [Fact]
    public async Task A_sign_in_cookie_from_A_is_accepted_by_B()
    {
        cluster.Require();
        using var onA = ScaleOutCluster.Client(cluster.A);
        using var onB = ScaleOutCluster.Client(cluster.B);
        var loginPage = await onA.GetAsync("/login");
        onA.DefaultRequestHeaders.Add("Cookie", Cookies(loginPage));
        using var login = await onA.PostAsync("/login", LoginForm(await loginPage.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        onB.DefaultRequestHeaders.Add("Cookie", Cookies(login));
        using var admin = await onB.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task An_antiforgery_token_from_A_is_accepted_by_B()
    {
        cluster.Require();
        using var onA = ScaleOutCluster.Client(cluster.A);
        using var onB = ScaleOutCluster.Client(cluster.B);
        var loginPage = await onA.GetAsync("/login");

        onB.DefaultRequestHeaders.Add("Cookie", Cookies(loginPage));
        using var login = await onB.PostAsync("/login", LoginForm(await loginPage.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(Cookies(login), c => c.StartsWith("ClinicCms.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_passwords_tried_on_A_and_on_B_count_together_toward_the_lockout()
    {
        cluster.Require();
        var attempts = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var http = new SecuredSite(i % 2 == 0 ? cluster.A : cluster.B).Anonymous();
            using var failed = await SecuredSite.PostLoginAsync(http, "writer", $"not-the-password-{i}");
            attempts.Add(failed.StatusCode);
        }
        using var onB = new SecuredSite(cluster.B).Anonymous();
        using var right = await SecuredSite.PostLoginAsync(onB, "writer", "Writer-password-1");
        var rightPage = await right.Content.ReadAsStringAsync();

        // Redis holds the counts: what A counted, B reads.
        var key = $"test:{Guid.NewGuid():N}";
        await cluster.A.Services.GetRequiredService<IFailureCounts>().AddAsync(key, TimeSpan.FromMinutes(1));
        var seenByB = await cluster.B.Services.GetRequiredService<IFailureCounts>().GetAsync(key);

        Assert.All(attempts, status => Assert.Equal(HttpStatusCode.OK, status)); // the sign-in page again, with its error
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // three failures on A and two on B lock this address out
        Assert.Contains("<p class=\"error\" role=\"alert\">", rightPage, StringComparison.Ordinal); // refused, with the answer a wrong password gets
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("ClinicCms.Auth=", StringComparison.Ordinal));
        Assert.IsType<RedisFailureCounts>(cluster.B.Services.GetRequiredService<IFailureCounts>());
        Assert.Equal(1, seenByB.Count);
        Assert.InRange(seenByB.Remaining, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_token_from_A_validates_on_B()
    {
        cluster.Require();
        var token = await new SecuredSite(cluster.A).TokenAsync("reader-app", "Reader-app-secret-1");
        using var onB = new SecuredSite(cluster.B).WithToken(token);

        using var article = await onB.GetAsync($"/api/content/{ClinicIds.Article}");

        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_client_or_taking_an_editors_roles_through_A_ends_their_access_on_B()
    {
        cluster.Require();
        using var clientOnB = new SecuredSite(cluster.B).WithToken(await new SecuredSite(cluster.A).TokenAsync("faq-app", "Faq-app-secret-1"));
        using var editorOnB = ScaleOutCluster.Client(cluster.B);
        editorOnB.DefaultRequestHeaders.Add("Cookie", await SignInCookiesAsync(cluster.A, "contrib", "Contrib-password-1"));
        using var clientBefore = await clientOnB.PostAsJsonAsync("/api/graphql", new { query = "{ faq { displayText } }" });
        using var editorBefore = await editorOnB.GetAsync("/admin");

        using var admin = await new SecuredSite(cluster.A).SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var clients = await admin.GetStringAsync("/admin/clients");
        using var toggle = await admin.PostAsync("/admin/clients?handler=Toggle", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["clientId"] = "faq-app",
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(clients),
        }));
        var contribId = await cluster.A.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync("contrib"))!.Id);
        var user = await admin.GetStringAsync($"/admin/users/{contribId}");
        using var save = await admin.PostAsync($"/admin/users/{contribId}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "contrib@example.com",
            ["enabled"] = "true",
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(user),
        }));
        using var editorAfter = await editorOnB.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, clientBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, editorBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, toggle.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, editorAfter.StatusCode);
        Assert.True(await WithinOneSecondAsync(async () =>
        {
            using var response = await clientOnB.PostAsJsonAsync("/api/graphql", new { query = "{ faq { displayText } }" });
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }), "B still accepted the token of a client disabled through A.");
    }

    private static async Task<IEnumerable<string>> SignInCookiesAsync(ClinicCmsApp instance, string userName, string password)
    {
        using var http = ScaleOutCluster.Client(instance);
        var loginPage = await http.GetAsync("/login");
        http.DefaultRequestHeaders.Add("Cookie", Cookies(loginPage));
        using var login = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(await loginPage.Content.ReadAsStringAsync()),
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return Cookies(login).ToList();
    }

    private static FormUrlEncodedContent LoginForm(string page) => new(new Dictionary<string, string>
    {
        ["UserName"] = "admin",
        ["Password"] = ClinicCmsApp.AdminPassword,
        ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
    });

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(c => c.Split(';')[0]) : [];

    private static async Task<bool> WithinOneSecondAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(25);
        }
        while (clock.Elapsed < OneSecond);
        return false;
    }
}
