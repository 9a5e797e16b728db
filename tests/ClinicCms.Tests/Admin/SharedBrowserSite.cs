namespace ClinicCms.Tests.Admin;

/// <summary>
/// One browser site for a whole test class (<c>IClassFixture</c>), started by the class's first test rather than
/// before it, so that a machine without Chromium skips the tests instead of failing the class.
/// </summary>
public class SharedBrowserSite(Chromium chromium) : IAsyncDisposable
{
    private Task<BrowserSite>? _started;

    protected Chromium Chromium { get; } = chromium;

    /// <summary>The site; the tests of a class run one at a time, so the first call starts it and the rest share it.</summary>
    public Task<BrowserSite> SiteAsync() => _started ??= StartAsync();

    protected virtual Task<BrowserSite> StartAsync() => BrowserSite.StartAsync(Chromium);

    public virtual async ValueTask DisposeAsync()
    {
        if (_started is { IsCompletedSuccessfully: true })
        {
            await _started.Result.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
