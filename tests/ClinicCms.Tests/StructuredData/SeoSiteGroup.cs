namespace ClinicCms.Tests.StructuredData;

/// <summary>The test classes that share one <see cref="SeoSite"/> and run one after another.</summary>
[CollectionDefinition(nameof(SeoSite))]
public sealed class SeoSiteGroup : ICollectionFixture<SeoSite>;
