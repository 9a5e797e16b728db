using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Tests.GraphQL;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Preview;

/// <summary>
/// Preview tokens over real HTTP: issued to an editor (cookie and antiforgery) or an API client (bearer), they read
/// their item's drafts through GraphQL with the issuer's current rights, and are refused after expiry, when changed,
/// outside GraphQL, for mutations and once the issuer lost PreviewContent.
/// </summary>
[Collection(PreviewSite.Collection)]
public sealed class PreviewTokenTests(PreviewSite preview)
{
    private const string DraftQuery = "{ page(status: LATEST) { contentItemId displayText } }";

    [Fact]
    public async Task A_token_reads_the_draft_of_its_item_and_published_pages_but_no_other_draft()
    {
        var issued = await preview.IssueAsync("previewer", "Previewer-password-1", PreviewSite.Draft);
        using var http = preview.WithPreviewToken(issued["token"]!.GetValue<string>());
        var graph = new GraphQLClient(http);

        var drafts = (await graph.DataAsync(DraftQuery))["page"]!.AsArray();
        var published = (await graph.DataAsync("{ page { contentItemId } }"))["page"]!.AsArray();

        Assert.Equal([PreviewSite.Draft], drafts.Select(p => p!["contentItemId"]!.GetValue<string>()));
        Assert.Equal("Opening hours (draft)", drafts[0]!["displayText"]!.GetValue<string>());
        Assert.Equal([PreviewSite.Live], published.Select(p => p!["contentItemId"]!.GetValue<string>()));
        // The endpoint answers with a trailing slash too, and the token with it.
        using (var slashed = await http.PostAsJsonAsync("/api/graphql/", new { query = DraftQuery }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, slashed.StatusCode);
            Assert.Contains(PreviewSite.Draft, await slashed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        Assert.True(issued["expiresUtc"]!.GetValue<DateTime>() > preview.Clock.UtcNow);
    }

    [Fact]
    public async Task The_answer_fills_the_types_PreviewUrl_with_the_token_and_the_items_path_url_encoded()
    {
        var issued = await preview.IssueAsync("previewer", "Previewer-password-1", PreviewSite.Draft);

        var token = issued["token"]!.GetValue<string>();
        Assert.Equal($"https://clinic.example/api/draft?token={Uri.EscapeDataString(token)}&path=%2Fpages%2Fopening-hours&id={PreviewSite.Draft}&type=Page",
            issued["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_api_client_gets_a_token_with_its_bearer_token_and_reads_the_draft()
    {
        var access = await preview.Site.TokenAsync("preview-app", "Preview-app-secret-1");
        using var client = preview.Site.WithToken(access);
        using var response = await PreviewSite.RequestAsync(client, PreviewSite.Draft);
        var issued = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var http = preview.WithPreviewToken(issued["token"]!.GetValue<string>());
        var drafts = (await new GraphQLClient(http).DataAsync(DraftQuery))["page"]!.AsArray();
        Assert.Equal([PreviewSite.Draft], drafts.Select(p => p!["contentItemId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_token_is_refused_once_it_expired()
    {
        var issued = await preview.IssueAsync("previewer", "Previewer-password-1", PreviewSite.Draft);
        using var http = preview.WithPreviewToken(issued["token"]!.GetValue<string>());
        preview.Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            var (status, body) = await new GraphQLClient(http).PostAsync(DraftQuery);

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("expired", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            preview.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_changed_token_is_refused()
    {
        var token = (await preview.IssueAsync("previewer", "Previewer-password-1", PreviewSite.Draft))["token"]!.GetValue<string>();
        var middle = token.Length / 2;
        var changed = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        foreach (var bad in new[] { changed, token[..^4], "preview.not-a-token" })
        {
            using var http = preview.WithPreviewToken(bad);
            var (status, body) = await new GraphQLClient(http).PostAsync(DraftQuery);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("not valid", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_is_refused_at_the_rest_api_at_the_admin_and_for_a_mutation_and_changes_nothing()
    {
        // The previewer may edit, publish and delete: the token must not carry any of that.
        var token = (await preview.IssueAsync("previewer", "Previewer-password-1", PreviewSite.Draft))["token"]!.GetValue<string>();
        using var http = preview.WithPreviewToken(token);

        using var get = await http.GetAsync($"/api/content/{PreviewSite.Live}");
        using var delete = await http.DeleteAsync($"/api/content/{PreviewSite.Live}");
        using var post = await http.PostAsJsonAsync("/api/content?draft=true", new { ContentItemId = PreviewSite.Draft, ContentType = "Page", TitlePart = new { Title = "Changed" } });
        using var admin = await http.GetAsync("/admin");
        using var again = await PreviewSite.RequestAsync(http, PreviewSite.Draft);
        var (mutationStatus, mutation) = await new GraphQLClient(http).PostAsync("mutation { deleteContentItem(contentItemId: \"x\") { status } }");

        foreach (var refused in new[] { get, delete, post, admin, again })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        Assert.Contains("/api/graphql", (await delete.Content.ReadFromJsonAsync<JsonObject>())!["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, mutationStatus);
        Assert.Contains("only run queries", mutation["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        using var reader = preview.WithPreviewToken(token);
        var drafts = (await new GraphQLClient(reader).DataAsync(DraftQuery))["page"]!.AsArray();
        Assert.Equal("Opening hours (draft)", drafts[0]!["displayText"]!.GetValue<string>());
        var published = (await new GraphQLClient(reader).DataAsync("{ page { contentItemId } }"))["page"]!.AsArray();
        Assert.Contains(published, p => p!["contentItemId"]!.GetValue<string>() == PreviewSite.Live);
    }

    [Fact]
    public async Task A_token_fails_at_once_when_its_issuers_role_loses_PreviewContent()
    {
        var token = (await preview.IssueAsync("revocable", "Revocable-password-1", PreviewSite.Draft))["token"]!.GetValue<string>();
        using var http = preview.WithPreviewToken(token);
        Assert.Single((await new GraphQLClient(http).DataAsync(DraftQuery))["page"]!.AsArray());

        await SetRevocablePreviewAsync("Remove");
        try
        {
            var (status, body) = await new GraphQLClient(http).PostAsync(DraftQuery);

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("may no longer preview", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            await SetRevocablePreviewAsync("Add");
        }
    }

    [Fact]
    public async Task A_token_fails_at_once_when_its_issuer_is_disabled()
    {
        var token = (await preview.IssueAsync("revocable", "Revocable-password-1", PreviewSite.Draft))["token"]!.GetValue<string>();
        using var http = preview.WithPreviewToken(token);
        Assert.Single((await new GraphQLClient(http).DataAsync(DraftQuery))["page"]!.AsArray());

        await SetRevocableLockoutAsync(ClinicCms.Web.Security.UserAccess.DisabledUntil);
        try
        {
            var (status, body) = await new GraphQLClient(http).PostAsync(DraftQuery);

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("removed or disabled", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            await SetRevocableLockoutAsync(null);
        }
    }

    [Fact]
    public async Task Anonymous_callers_and_roles_without_PreviewContent_get_no_token_and_learn_nothing_of_ids()
    {
        using var anonymous = preview.Site.Anonymous();
        using var anonymousAnswer = await PreviewSite.RequestAsync(anonymous, PreviewSite.Draft);
        var (reader, antiforgery) = await preview.EditorAsync("reader", "Reader-password-1");
        using (reader)
        {
            using var existing = await PreviewSite.RequestAsync(reader, PreviewSite.Draft, antiforgery);
            using var missing = await PreviewSite.RequestAsync(reader, "4nosuchitem0000000000001", antiforgery);
            var (previewer, previewerAntiforgery) = await preview.EditorAsync("previewer", "Previewer-password-1");
            using (previewer)
            {
                using var missingToPreviewer = await PreviewSite.RequestAsync(previewer, "4nosuchitem0000000000001", previewerAntiforgery);

                Assert.Equal(HttpStatusCode.Unauthorized, anonymousAnswer.StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, existing.StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, missingToPreviewer.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_cookie_post_without_the_antiforgery_token_is_refused()
    {
        var (http, _) = await preview.EditorAsync("previewer", "Previewer-password-1");
        using (http)
        {
            using var response = await PreviewSite.RequestAsync(http, PreviewSite.Draft);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{}", "ContentItemId is required")]
    [InlineData("{\"ContentItemId\": 42}", "ContentItemId is required")]
    [InlineData("{\"ContentItemId\": \"<script>alert(1)</script>\"}", "not a content item id")]
    [InlineData("{\"ContentItemId\": \"тест-ид\"}", "not a content item id")]
    [InlineData("{\"ContentItemId\": \"../../etc/passwd\"}", "not a content item id")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"ContentItemId\": \"\\ud800\"}", "not valid text")]
    [InlineData("{\"ContentItemId\": ", "not valid JSON")]
    [InlineData("HUGE", "larger than 4096 bytes")]
    public async Task Hostile_bodies_get_400_naming_the_problem(string body, string problem)
    {
        var text = body == "HUGE" ? "{\"ContentItemId\": \"" + new string('a', 100_000) + "\"}" : body;
        var (http, antiforgery) = await preview.EditorAsync("previewer", "Previewer-password-1");
        using (http)
        {
            using var response = await PreviewSite.RequestAsync(http, new StringContent(text, Encoding.UTF8, "application/json"), antiforgery);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(problem, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private Task<bool> SetRevocableLockoutAsync(DateTimeOffset? until) => preview.Site.App.InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByNameAsync("revocable");
        return (await users.SetLockoutEndDateAsync(user!, until)).Succeeded;
    });

    private Task<ClinicCms.Recipes.RecipeReport> SetRevocablePreviewAsync(string behavior) => preview.Site.App.RunRecipeTextAsync($$"""
        { "name": "revoke", "steps": [ { "name": "Roles", "Roles": [
            { "Name": "Revocable", "PermissionBehavior": "{{behavior}}", "Permissions": [ "PreviewContent" ] } ] } ] }
        """, "revoke.recipe.json");
}
