using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// What an editor sees in a real browser: the version diff with word marks, the preview of every field, the media
/// picker, display names, empty states, the favicon. One site for the class; each test makes the versions it looks at.
/// </summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class EditorBrowserTests(SharedBrowserSite shared) : IClassFixture<SharedBrowserSite>
{
    [Fact]
    public async Task The_diff_marks_changed_words_by_display_name_and_hides_unchanged_fields()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/edit");
        // The body's source, as the rich editor posts it: a word replaced, a word made emphasis, markup in the subtitle.
        await page.Locator("textarea.html-source").EvaluateAsync("""
            t => { t.value = t.value.replace('Millions of people', 'Thousands of people').replace('incredibly lonely', '<em>very</em> lonely'); }
            """);
        await page.GetByLabel("Subtitle").FillAsync("<script>window.pwned = 1</script> Ketamine & you");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var body = page.Locator("table.diff tr.changed", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Body", Exact = true }) });
        await Assertions.Expect(body.Locator("del").First).ToHaveTextAsync("Millions");
        await Assertions.Expect(body.Locator("ins").First).ToHaveTextAsync("Thousands");
        // The markup change is shown as source text, inside the marks, never rendered.
        await Assertions.Expect(body.Locator("ins", new() { HasText = "<em>" })).ToHaveCountAsync(1);
        await Assertions.Expect(body.Locator("del", new() { HasText = "incredibly" })).ToHaveCountAsync(1);
        await Assertions.Expect(body.Locator("em")).ToHaveCountAsync(0);
        var subtitle = page.Locator("table.diff tr.changed", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Subtitle", Exact = true }) });
        await Assertions.Expect(subtitle.Locator("ins")).ToContainTextAsync("<script>window.pwned = 1</script>");
        await Assertions.Expect(page.Locator("table.diff script")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));

        // Technical names are gone; unchanged fields wait behind the toggle.
        await Assertions.Expect(page.Locator("table.diff")).Not.ToContainTextAsync("HtmlBodyPart");
        await Assertions.Expect(page.Locator("table.diff")).Not.ToContainTextAsync("RouteContainedItems");
        await Assertions.Expect(page.Locator("table.diff tr.unchanged")).ToHaveCountAsync(0);
        await BrowserSite.ScreenshotAsync(page, "diff");
        await page.Locator("[data-toggle-unchanged]").ClickAsync();
        await Assertions.Expect(page.Locator("table.diff tr.unchanged", new() { HasText = "Summary" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.diff tr.unchanged").First).ToBeVisibleAsync();

        // The same subtitle in the preview: text, not a script.
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/preview");
        await Assertions.Expect(page.Locator(".preview-field", new() { HasText = "Subtitle" })).ToContainTextAsync("<script>window.pwned = 1</script> Ketamine & you");
        await Assertions.Expect(page.Locator(".preview-page script")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
    }

    [Fact]
    public async Task The_preview_shows_every_field_by_display_name()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/preview");
        await Assertions.Expect(page.Locator(".preview-field", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Summary", Exact = true }) })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".preview-field", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Body", Exact = true }) }).Locator("h2, p").Nth(1)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".preview-field", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Tags", Exact = true }) })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".preview-page")).Not.ToContainTextAsync("HtmlBodyPart");
        await BrowserSite.ScreenshotAsync(page, "preview");
    }

    [Fact]
    public async Task An_image_uploaded_in_the_picker_is_saved_with_its_alt_text_and_shown_encoded()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/edit");
        var picker = page.Locator("[data-media-picker][data-key='Article.HeroImage']");
        await picker.Locator("[data-browse]").ClickAsync();
        await picker.GetByLabel("Upload into this folder").SetInputFilesAsync(new FilePayload { Name = "Calm room.png", MimeType = "image/png", Buffer = TinyPng });
        await Assertions.Expect(picker.Locator(".media-item[data-path='Calm-room.png']")).ToHaveCountAsync(1);
        const string alt = "A calm <b>room</b> & \"chairs\" <img src=x onerror=\"window.pwned=1\">";
        await picker.GetByLabel("Alt text").FillAsync(alt);
        await Assertions.Expect(picker.GetByRole(AriaRole.Button, new() { Name = "Pick Calm-room.png" })).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "edit-with-picker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        using var http = site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1"));
        var data = await new GraphQLClient(http).DataAsync("{ article { heroImage { files { path mediaText } } } }");
        var file = data["article"]![0]!["heroImage"]!["files"]![0]!;
        Assert.Equal("Calm-room.png", file["path"]!.GetValue<string>());
        Assert.Equal(alt, file["mediaText"]!.GetValue<string>());

        // The alt text is an attribute and a caption in the preview, text in the diff: never markup.
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/preview");
        var image = page.Locator(".preview-media img");
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", alt);
        await Assertions.Expect(page.Locator(".preview-media figcaption")).ToContainTextAsync("<b>room</b>");
        await Assertions.Expect(page.Locator(".preview-page b, .preview-page img[src='x']")).ToHaveCountAsync(0);
        await BrowserSite.ScreenshotAsync(page, "preview-with-image");
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/versions");
        await Assertions.Expect(page.Locator("table.diff tr.changed", new() { HasText = "Hero image" }).Locator("ins")).ToContainTextAsync("<b>room</b>");
        await Assertions.Expect(page.Locator("table.diff b, table.diff img")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));

        // Removed in the picker and saved: the draft has no hero image.
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Calm-room.png" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await Assertions.Expect(page.Locator("[data-key='Article.HeroImage'] .media-item")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-key='Article.HeroImage'] .media-none")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Types_show_by_display_name_and_the_filter_bar_fits_at_desktop_and_tablet_width()
    {
        var site = await shared.SiteAsync();
        foreach (var width in new[] { 1280, 768 })
        {
            var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword, width);
            await page.GotoAsync("/admin/content?type=TreatmentOverview");
            await Assertions.Expect(page.Locator("table.grid tbody tr td:nth-child(3)").First).ToHaveTextAsync("Treatment overview");
            await Assertions.Expect(page.Locator(".new a", new() { HasText = "Treatment overview" })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#type option:checked")).ToHaveTextAsync("Treatment overview");
            await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("TreatmentOverview");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"no horizontal scroll at {width} px");
            // Controls on one line share their bottom edge; at tablet width the search has a row and the rest three columns.
            var bottoms = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.filters select, .filters input, .filters button')].map(e => Math.round(e.getBoundingClientRect().bottom))");
            Assert.Equal(width == 1280 ? 1 : 3, bottoms.Distinct().Count());
            await BrowserSite.ScreenshotAsync(page, $"content-list-{width}");
        }
        var dashboard = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await Assertions.Expect(dashboard.Locator(".stat", new() { HasText = "Treatment overview" })).ToHaveCountAsync(1);
        await Assertions.Expect(dashboard.Locator("main")).Not.ToContainTextAsync("TreatmentOverview");
        await BrowserSite.ScreenshotAsync(dashboard, "dashboard-editor");
    }

    [Fact]
    public async Task Empty_states_say_what_to_do_next_and_the_favicon_is_served_and_linked()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/content?q=no-such-title-anywhere");
        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("Nothing matches this search");
        await Assertions.Expect(page.Locator(".empty a[href='/admin/content']")).ToHaveCountAsync(1);

        await page.GotoAsync("/admin/content/new/FAQ");
        await page.GetByLabel("Question").FillAsync("Is there an empty state?");
        await page.GetByLabel("Answer", new() { Exact = true }).FillAsync("Yes.");
        await page.GetByLabel("Display order").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("only version");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Compare A and B" })).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/media");
        await page.GetByLabel("Folder name").FillAsync("empty-folder");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "empty-folder/" }).ClickAsync();
        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("This folder is empty");
        await page.GotoAsync("/admin/media");
        await BrowserSite.ScreenshotAsync(page, "media");

        await Assertions.Expect(page.Locator("link[rel='icon']")).ToHaveAttributeAsync("href", "/favicon.svg");
        using var anonymous = site.Site.Anonymous();
        var login = await anonymous.GetStringAsync("/login");
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\"", login, StringComparison.Ordinal);
        using var icon = await anonymous.GetAsync("/favicon.svg");
        Assert.Equal(System.Net.HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<svg", await icon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_picked_for_a_multiple_media_field_are_saved_in_the_order_shown_with_their_alt_texts()
    {
        var site = await shared.SiteAsync();
        // A gallery on the treatment overview, as an administrator would add it on the type's page.
        await site.Site.App.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ContentDefinitionStore>();
            var copy = (await store.GetAsync()).Copy();
            copy.FindPart("TreatmentOverview")!.Fields.Add(new ContentPartFieldDefinition
            {
                FieldName = "MediaField",
                Name = "Gallery",
                Settings = new JsonObject { ["ContentPartFieldSettings"] = new JsonObject { ["DisplayName"] = "Gallery" }, ["MediaFieldSettings"] = new JsonObject { ["Multiple"] = true } },
            });
            return await store.SaveAsync(copy);
        });
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync($"/admin/content/{ClinicIds.TreatmentOverview}/edit");
        var picker = page.Locator("[data-media-picker][data-key='TreatmentOverview.Gallery']");
        await picker.Locator("[data-browse]").ClickAsync();
        await picker.GetByLabel("Upload into this folder").SetInputFilesAsync(
        [
            new FilePayload { Name = "first.png", MimeType = "image/png", Buffer = TinyPng },
            new FilePayload { Name = "second.png", MimeType = "image/png", Buffer = TinyPng },
        ]);
        await Assertions.Expect(picker.Locator(".media-item")).ToHaveCountAsync(2);
        await picker.Locator(".media-item[data-path='first.png']").GetByLabel("Alt text").FillAsync("The first");
        await picker.Locator(".media-item[data-path='second.png']").GetByLabel("Alt text").FillAsync("The second");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Move second.png up" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");

        var saved = await site.Site.App.InScopeAsync(async sp =>
            (await sp.GetRequiredService<ContentService>().GetAsync(ClinicIds.TreatmentOverview, VersionOptions.Latest))!.Field("TreatmentOverview", "Gallery")!);
        Assert.Equal("""["second.png","first.png"]""", saved["Paths"]!.ToJsonString());
        Assert.Equal("""["The second","The first"]""", saved["MediaTexts"]!.ToJsonString());
        await Assertions.Expect(picker.Locator(".media-item .media-path")).ToHaveTextAsync(["second.png", "first.png"]);
    }

    // A 1x1 PNG.
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
