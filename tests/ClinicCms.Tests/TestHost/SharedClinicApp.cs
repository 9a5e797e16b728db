using System.Net;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// One clinic site, set up from the clinic recipe and answering over HTTP, for a whole test class
/// (<c>IClassFixture&lt;SharedClinicApp&gt;</c>): for tests that read it, or change it and put it back.
/// </summary>
public sealed class SharedClinicApp : IAsyncLifetime
{
    public ClinicCmsApp App { get; } = new();

    public async ValueTask InitializeAsync()
    {
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
