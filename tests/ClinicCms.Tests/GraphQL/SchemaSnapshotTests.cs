using ClinicCms.Content.Definitions;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.TestHost;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// The clinic site's schema, printed as SDL, is checked in (schema.graphql) and compared on every run, so API
/// changes show up in review. After an intended change: CLINICCMS_UPDATE_SNAPSHOTS=1 dotnet test, then commit.
/// </summary>
public sealed class SchemaSnapshotTests
{
    private static string SnapshotPath => Path.Combine(RepositoryFiles.Root, "tests", "ClinicCms.Tests", "GraphQL", "schema.graphql");

    [Fact]
    public async Task The_clinic_schema_matches_the_checked_in_sdl()
    {
        await using var site = await StoreSite.CreateAsync();
        await site.RunRecipeAsync(RepositoryFiles.ClinicRecipe);
        var definitions = await site.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().GetAsync());

        var sdl = SchemaService.Build(definitions).Print().ReplaceLineEndings("\n").TrimEnd() + "\n";

        if (Environment.GetEnvironmentVariable("CLINICCMS_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, sdl);
        }
        Assert.True(File.Exists(SnapshotPath), "schema.graphql is missing; run the tests once with CLINICCMS_UPDATE_SNAPSHOTS=1");
        Assert.Equal((await File.ReadAllTextAsync(SnapshotPath)).ReplaceLineEndings("\n"), sdl);
    }
}
