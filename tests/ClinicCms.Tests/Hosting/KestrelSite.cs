using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Hosting;

/// <summary>
/// The secured clinic site in Production on a real Kestrel: plain HTTP on 127.0.0.1, and HTTPS with a self-signed
/// certificate from the Kestrel settings (as the README shows), with the given ClinicCms settings on top.
/// </summary>
public sealed class KestrelSite : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private KestrelSite(TempFolder folder, SecuredSite site, SelfSignedCertificate certificate, string http, string https)
    {
        _folder = folder;
        Site = site;
        Certificate = certificate;
        HttpAddress = http;
        HttpsAddress = https;
    }

    public SecuredSite Site { get; }
    public SelfSignedCertificate Certificate { get; }
    public string HttpAddress { get; }
    public string HttpsAddress { get; }

    public static async Task<KestrelSite> StartAsync(IDictionary<string, string>? settings = null)
    {
        var folder = new TempFolder();
        var certificate = SelfSignedCertificate.Create(folder.Path);
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = certificate.CertificatePath,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = certificate.KeyPath,
        };
        var site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(environment: "Production", settings: all));
        var http = site.App.LoopbackAddress!.ToString().TrimEnd('/');
        var https = site.App.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        return new KestrelSite(folder, site, certificate, http, https);
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        _folder.Dispose();
    }
}
