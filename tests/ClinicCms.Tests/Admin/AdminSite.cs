using ClinicCms.Tests.Security;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// The admin tests over HTTP share one secured site and run one after another. Each test uses items, files and
/// definitions of its own, or changes that the others do not look at.
/// </summary>
[CollectionDefinition(nameof(AdminSite))]
public sealed class AdminSite : ICollectionFixture<SharedSecuredSite>;
