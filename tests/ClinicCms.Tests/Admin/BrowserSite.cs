using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// The clinic site with the access recipe, served on 127.0.0.1, and the shared <see cref="Chromium"/>: each sign-in
/// opens a browser context of its own, closed with the site.
/// </summary>
public sealed class BrowserSite : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    static BrowserSite()
    {
        // Pages are checked while other tests run on the same two cores: wait longer than Playwright's 5 s before failing.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    private BrowserSite(SecuredSite site, string baseUrl, IBrowser browser)
    {
        Site = site;
        BaseUrl = baseUrl;
        Browser = browser;
    }

    public SecuredSite Site { get; }
    public string BaseUrl { get; }
    public IBrowser Browser { get; }

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSite> StartAsync(Chromium chromium, IDictionary<string, string>? settings = null, string environment = "Development")
    {
        var browser = await chromium.BrowserAsync();
        var site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(settings: settings, environment: environment));
        return new BrowserSite(site, site.App.LoopbackAddress!.ToString().TrimEnd('/'), browser);
    }

    /// <summary>A new browser session (its own cookies), signed in through the sign-in form.</summary>
    public async Task<IPage> SignInAsync(string userName, string password, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/admin");
        await page.GetByLabel("User name or email").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        // Wait for the dashboard's own content rather than for every request to settle.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await Site.DisposeAsync();
    }
}
