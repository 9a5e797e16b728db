using System.Net;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Localization;

/// <summary>
/// The admin's Translate action over HTTP: a new draft in the item's localization set and the chosen culture, with the
/// item's fields and a path under the culture's language; it needs what creating an item of the type needs, a sign-in
/// and the form's antiforgery token.
/// </summary>
public sealed class TranslateTests(LocalizedWriteSite shared) : IClassFixture<LocalizedWriteSite>
{
    private static FormUrlEncodedContent Translate(string token, string culture) => new(new Dictionary<string, string>
    {
        ["action"] = "translate",
        ["culture"] = culture,
        ["__RequestVerificationToken"] = token,
    });

    [Fact]
    public async Task An_editor_translates_an_article_into_a_draft_of_its_set_with_a_path_under_the_language()
    {
        var site = shared.Site;
        using var chief = await site.SignedInAsync("chief", "Chief-password-1");
        var page = await chief.GetStringAsync($"/admin/content/{ClinicIds.Article}/edit");
        Assert.Contains("<option value=\"es-US\">es-US</option>", page, StringComparison.Ordinal); // the culture the set lacks

        using var translated = await chief.PostAsync($"/admin/content/{ClinicIds.Article}/edit", Translate(SecuredSite.AntiforgeryToken(page), "es-US"));

        Assert.Equal(HttpStatusCode.Redirect, translated.StatusCode);
        var target = translated.Headers.Location!.OriginalString;
        Assert.NotEqual($"/admin/content/{ClinicIds.Article}/edit", target);
        var editor = await chief.GetStringAsync(target);
        Assert.Contains("value=\"es/articles/how-many-ketamine-infusions-will-i-need\"", editor, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/content/{ClinicIds.Article}/edit\" hreflang=\"en-US\"", editor, StringComparison.Ordinal);
        Assert.Contains("href=\"" + target + "\" hreflang=\"es-US\"", await chief.GetStringAsync($"/admin/content/{ClinicIds.Article}/edit"), StringComparison.Ordinal);
        var list = await chief.GetStringAsync("/admin/content?culture=es-US");
        Assert.Contains("How Many Ketamine Infusions Will I Need?", list, StringComparison.Ordinal); // a copy, for the editor to translate
        Assert.DoesNotContain("Clinic hours", list, StringComparison.Ordinal);

        // A draft: GraphQL callers who read published content still get the English article, in Spanish with fallback too.
        using var reader = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var data = await new GraphQLClient(reader).DataAsync("""
            { article(culture: "es-US", fallback: true, where: { path: "articles/how-many-ketamine-infusions-will-i-need" }) { localizationPart { culture } } }
            """);
        Assert.Equal("en-US", data["article"]![0]!["localizationPart"]!["culture"]!.GetValue<string>());

        using var again = await chief.PostAsync($"/admin/content/{ClinicIds.Article}/edit", Translate(SecuredSite.AntiforgeryToken(page), "es-US"));
        Assert.Contains("has an item in es-US already", await chief.GetStringAsync(again.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_may_not_create_the_type_gets_403_and_nothing_is_created()
    {
        var site = shared.Site;
        using var faqAuthor = await site.SignedInAsync("faqauthor", "Faqauthor-password-1");
        var token = SecuredSite.AntiforgeryToken(await faqAuthor.GetStringAsync("/admin/content"));

        using var refused = await faqAuthor.PostAsync($"/admin/content/{ClinicIds.Article}/edit", Translate(token, "es-US"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in_and_a_post_without_the_antiforgery_token_is_refused()
    {
        var site = shared.Site;
        using var anonymous = site.Anonymous();
        using var chief = await site.SignedInAsync("chief", "Chief-password-1");

        using var notSignedIn = await anonymous.PostAsync($"/admin/content/{ClinicIds.Article}/edit", Translate("", "es-US"));
        using var noToken = await chief.PostAsync($"/admin/content/{ClinicIds.Article}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "translate",
            ["culture"] = "es-US",
        }));

        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.StartsWith("/login", notSignedIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }
}
