using System.Net;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>Uploaded media cannot run script in the app's origin, tried in a real browser with an administrator signed in.</summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class MediaBrowserTests(Chromium chromium)
{
    // Opened as a page, this would read the new-user form's antiforgery token and post it to create an administrator.
    internal const string Exploit = """
        <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
        <script><![CDATA[
        document.documentElement.setAttribute('data-ran', '1');
        (async () => {
          const page = await (await fetch('/admin/users')).text();
          const token = /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(page)[1];
          const body = new URLSearchParams({ userName: 'intruder', email: 'intruder@example.com', password: 'Intruder-password-1', roles: 'Administrator', __RequestVerificationToken: token });
          await fetch('/admin/users', { method: 'POST', body });
          document.documentElement.setAttribute('data-done', '1');
        })();
        ]]></script>
        </svg>
        """;

    [Fact]
    public async Task An_svg_with_script_is_refused_and_media_opened_by_an_administrator_runs_no_script()
    {
        await using var browser = await BrowserSite.StartAsync(chromium);
        var site = browser.Site;

        // A file already in the media folder (copied there, or uploaded before uploads were checked), opened as a page.
        var store = site.App.Services.GetRequiredService<MediaStore>();
        Directory.CreateDirectory(store.Root);
        await File.WriteAllTextAsync(Path.Combine(store.Root, "old.svg"), Exploit, TestContext.Current.CancellationToken);
        var page = await browser.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        var response = await page.GotoAsync("/media/old.svg");
        Assert.NotNull(response);
        if (await page.Locator("svg").GetAttributeAsync("data-ran") is not null)
        {
            // The script ran: let it finish, so the check below sees what it did.
            await Assertions.Expect(page.Locator("svg")).ToHaveAttributeAsync("data-done", "1");
        }
        Assert.Null(await UserAsync(site, "intruder"));
        Assert.StartsWith("sandbox", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);

        // Revalidation and range requests keep the sandbox too.
        using var anonymous = site.Anonymous();
        using var full = await anonymous.GetAsync("/media/old.svg", TestContext.Current.CancellationToken);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/media/old.svg");
        revalidate.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        using var notModified = await anonymous.SendAsync(revalidate, TestContext.Current.CancellationToken);
        using var range = new HttpRequestMessage(HttpMethod.Get, "/media/old.svg");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9);
        using var partial = await anonymous.SendAsync(range, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        foreach (var answer in new[] { full, notModified, partial })
        {
            Assert.StartsWith("sandbox", string.Join(",", answer.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        }

        // Types a browser would not simply show are downloads; images stay inline.
        await File.WriteAllTextAsync(Path.Combine(store.Root, "prices.csv"), "a,b", TestContext.Current.CancellationToken);
        using var csv = await anonymous.GetAsync("/media/prices.csv", TestContext.Current.CancellationToken);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Null(full.Content.Headers.ContentDisposition);

        // An editor, the lowest role that may upload, cannot put such a file in the library.
        using var editor = await site.SignedInAsync("chief", "Chief-password-1");
        using var upload = await UploadAsync(editor, "logo.svg", Exploit);
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("logo.svg: the SVG has a script element", await upload.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(store.Root, "logo.svg")));
    }

    private static Task<IdentityUser?> UserAsync(SecuredSite site, string userName) =>
        site.App.InScopeAsync(sp => sp.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName));

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string fileName, string content, string folder = "", bool expectContinue = false, string page = "/admin/media")
    {
        var token = SecuredSite.AntiforgeryToken(await http.GetStringAsync("/admin/media"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(folder), "folder" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "files", fileName },
        };
        // With Expect: 100-continue a client waits for the server's go-ahead, so a refusal arrives before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{page}?handler=Upload") { Content = form };
        request.Headers.ExpectContinue = expectContinue;
        return await http.SendAsync(request);
    }
}
