namespace ClinicCms.Tests.Hosting;

/// <summary>
/// One Production site on a real Kestrel, HTTP and HTTPS, trusting proxies on this host (the default), with three
/// token requests per visitor a minute: booted once for the proxy tests (direct HTTPS, a client playing a proxy, and
/// nginx). They sign in and ask for tokens as different visitors, so none uses up another's limits.
/// </summary>
public sealed class TrustedProxySite : IAsyncLifetime
{
    public KestrelSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Site = await KestrelSite.StartAsync(new Dictionary<string, string> { ["ClinicCms:Security:Token:PermitLimit"] = "3" });

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

[CollectionDefinition(nameof(TrustedProxySite))]
public sealed class TrustedProxySiteDefinition : ICollectionFixture<TrustedProxySite>;
