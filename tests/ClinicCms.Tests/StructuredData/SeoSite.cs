using ClinicCms.Tests.Security;

namespace ClinicCms.Tests.StructuredData;

/// <summary>
/// The SEO and structured data tests share one secured clinic site and run one after another; the SEO values and
/// reviews they write go to items of their own or to the seeded items' SeoMetaPart, which only these tests read.
/// </summary>
[CollectionDefinition(nameof(SeoSite))]
public sealed class SeoSite : ICollectionFixture<SharedSecuredSite>;
