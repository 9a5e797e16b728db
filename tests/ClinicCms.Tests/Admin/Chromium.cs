using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for all the browser tests (a collection fixture) by the
/// first test that asks for it. Needs /usr/bin/chromium (installed by .ci/run); without it the tests are skipped,
/// except under CI.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _launching = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IBrowser> BrowserAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            ServiceRequirement.Missing($"Chromium ({ExecutablePath}, Debian's chromium package)");
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
