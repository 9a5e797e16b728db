using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// The clinic site with the access recipe, served on 127.0.0.1, and Debian's Chromium driven by Playwright. Needs
/// /usr/bin/chromium (installed by .ci/run); without it the tests are skipped, except under CI.
/// </summary>
public sealed class BrowserSite : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private BrowserSite(SecuredSite site, string baseUrl, IPlaywright playwright, IBrowser browser)
    {
        Site = site;
        BaseUrl = baseUrl;
        Playwright = playwright;
        Browser = browser;
    }

    public SecuredSite Site { get; }
    public string BaseUrl { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSite> StartAsync(IDictionary<string, string>? settings = null, string environment = "Development")
    {
        if (!File.Exists(ChromiumPath))
        {
            ServiceRequirement.Missing($"Chromium ({ChromiumPath}, Debian's chromium package)");
        }
        var site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(settings: settings, environment: environment));
        var baseUrl = site.App.LoopbackAddress!.ToString().TrimEnd('/');
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox as root in CI; no background traffic on a machine with no network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BrowserSite(site, baseUrl, playwright, browser);
    }

    /// <summary>A new browser session (its own cookies), signed in through the sign-in form.</summary>
    public async Task<IPage> SignInAsync(string userName, string password, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
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
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Site.DisposeAsync();
    }
}
