using ClinicCms.Tests.TestHost;
using Npgsql;

namespace ClinicCms.Tests.Setup;

/// <summary>A PostgreSQL database named in the connection string but not created yet: the first start creates it, quietly.</summary>
public sealed class MissingPostgresDatabaseTests
{
    [Fact]
    public async Task Recipe_run_on_a_database_that_does_not_exist_creates_it_and_sets_the_site_up()
    {
        var admin = ServiceRequirement.Postgres();
        var name = $"cliniccms_test_{Guid.NewGuid():N}";
        using var work = new TempFolder();
        try
        {
            var (exitCode, output, error) = await CommandProcess.RunAsync(work.Path, new Dictionary<string, string?>
            {
                ["ClinicCms__AppDataPath"] = work.File("data"),
                ["ClinicCms__Database__Provider"] = "Postgres",
                ["ConnectionStrings__ClinicCms"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString,
                ["ClinicCms__Setup__AdminPassword"] = ClinicCmsApp.AdminPassword,
            }, "recipe", "run", RepositoryFiles.ClinicRecipe);

            Assert.True(exitCode == 0, error);
            Assert.Contains("content items: 9 created", output, StringComparison.Ordinal);
            // A new database is no error: its first checks are not logged as failures.
            Assert.DoesNotContain("|ERROR|", output + error, StringComparison.Ordinal);
        }
        finally
        {
            await using var created = PostgresDatabase.Open(name); // dropped on dispose, created first if the run did not
        }
    }
}
