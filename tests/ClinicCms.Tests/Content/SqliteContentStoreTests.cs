using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Content;

public sealed class SqliteContentStoreTests : ContentStoreTests
{
    protected override Task<StoreSite> CreateClinicSiteAsync() => StoreSite.CreateSqliteAsync(recipe: RepositoryFiles.ClinicRecipe);
}
