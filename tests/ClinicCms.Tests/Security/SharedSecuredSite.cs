namespace ClinicCms.Tests.Security;

/// <summary>
/// One secured site for a whole test class (<c>IClassFixture&lt;SharedSecuredSite&gt;</c>): booting a host is the
/// expensive part of a test. The class's tests run one after another; each adds items of its own and leaves the
/// seeded users, clients and items as it found them.
/// </summary>
public sealed class SharedSecuredSite : IAsyncLifetime
{
    public SecuredSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Site = await SecuredSite.StartAsync();

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}
