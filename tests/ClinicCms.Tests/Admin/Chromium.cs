using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for all the browser tests (a collection fixture) by the
/// first test that asks for it: its headless shell (chromium-headless-shell, installed by .ci/run) when present, as
/// Playwright itself runs headless tests, else /usr/bin/chromium in its headless mode, which renders the full
/// browser's windows and costs far more processor time. Without either the tests are skipped, except under CI.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string HeadlessShellPath = "/usr/bin/chromium-headless-shell";
    public const string BrowserPath = "/usr/bin/chromium";

    public static string ExecutablePath => File.Exists(HeadlessShellPath) ? HeadlessShellPath : BrowserPath;

    private readonly SemaphoreSlim _launching = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IBrowser> BrowserAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            ServiceRequirement.Missing($"Chromium ({HeadlessShellPath} or {BrowserPath}, Debian's chromium-headless-shell or chromium package)");
        }
        await _launching.WaitAsync();
        try
        {
            if (_browser is null)
            {
                _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ExecutablePath,
                    Headless = true,
                    // No sandbox as root in CI; no background traffic on a machine with no network.
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                });
            }
            return _browser;
        }
        finally
        {
            _launching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _launching.Dispose();
    }
}
