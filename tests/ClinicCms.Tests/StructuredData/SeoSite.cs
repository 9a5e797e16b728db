using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.StructuredData;

/// <summary>
/// One secured clinic site for the SEO and structured data tests, with a public base URL for JSON-LD addresses.
/// The tests run one after another; the SEO values and versions they write go to items of their own, to the seeded
/// article (structured data) or to the treatment overview's SeoMetaPart (SEO), which the other class does not assert on.
/// </summary>
public sealed class SeoSite : IAsyncLifetime
{
    public const string BaseUrl = "https://clinic.example/";

    public SecuredSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Site = await SecuredSite.StartAsync(new ClinicCmsApp(settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:SiteBaseUrl"] = BaseUrl }));

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}
