using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Content;

/// <summary>The same store tests on PostgreSQL; needs CLINICCMS_TEST_POSTGRES (skipped without it, except under CI).</summary>
public sealed class PostgresContentStoreTests : ContentStoreTests
{
    protected override Task<StoreSite> CreateClinicSiteAsync() => StoreSite.CreatePostgresAsync(recipe: RepositoryFiles.ClinicRecipe);
}
