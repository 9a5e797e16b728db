using System.Text.RegularExpressions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// The clinic site with the access recipe, served on 127.0.0.1, and the shared <see cref="Chromium"/>: each user
/// signs in once through the sign-in form, in a browser context of their own that the site's later pages for that
/// user share (closed with the site).
/// </summary>
public sealed partial class BrowserSite : IAsyncDisposable
{
    // Pages are checked while other tests boot hosts on the same two cores: a wait may take far longer than on a quiet
    // machine. These are how long a condition is waited for before the test fails, never what a test asserts.
    private const float ActionTimeout = 60_000;
    private const float ExpectTimeout = 30_000;

    private readonly List<IBrowserContext> _contexts = [];
    private readonly Dictionary<string, IBrowserContext> _signedIn = [];

    static BrowserSite()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
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

    public static async Task<BrowserSite> StartAsync(Chromium chromium, IDictionary<string, string>? settings = null, string environment = "Development",
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var browser = await chromium.BrowserAsync();
        var site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(settings: settings, environment: environment, services: services));
        return new BrowserSite(site, site.App.LoopbackAddress!.ToString().TrimEnd('/'), browser);
    }

    /// <summary>
    /// A new page on the dashboard, signed in as <paramref name="userName"/>: the user's first page signs in through
    /// the sign-in form in a new browser session (its own cookies); later ones open in that session.
    /// </summary>
    public async Task<IPage> SignInAsync(string userName, string password, int width = 1280)
    {
        var first = !_signedIn.TryGetValue(userName, out var context);
        if (context is null)
        {
            context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            context.SetDefaultTimeout(ActionTimeout);
            _contexts.Add(context);
        }
        // The user's pages of earlier tests are done with: closed, so that they do not keep a renderer busy.
        foreach (var done in context.Pages.ToList())
        {
            await done.CloseAsync();
        }
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.SetViewportSizeAsync(width, 900);
        // Every wait is for the document, not for every request to settle.
        await page.GotoAsync("/admin", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        if (first)
        {
            await page.GetByLabel("User name or email").FillAsync(userName);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            // Polls the page rather than WaitForURLAsync: that one, once the address matches, waits for a load-state
            // event that may have been raised between its check and its subscription, and then waits out its whole
            // timeout (seen under load: "NetworkIdle event fired", then a timeout, on a page already on /admin).
            await Assertions.Expect(page).ToHaveURLAsync(AdminHome());
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
            _signedIn[userName] = context;
        }
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

    [GeneratedRegex("/admin$")]
    private static partial Regex AdminHome();
}
