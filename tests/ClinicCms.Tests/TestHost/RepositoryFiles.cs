namespace ClinicCms.Tests.TestHost;

/// <summary>Files of this repository, and of ../shared beside it, found from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string ClinicRecipe => Path.Combine(Root, "recipes", "clinic.recipe.json");

    public static string SharedFolder => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>
    /// A file from ../shared (Orchard's recipes, the clinic's article). Tests read it in place and never copy it into the
    /// repository. Absent, the test is skipped with a message, except under CI, where that is a failure.
    /// </summary>
    public static string Shared(string relativePath)
    {
        var path = Path.Combine(SharedFolder, relativePath);
        if (!File.Exists(path))
        {
            ServiceRequirement.Missing($"../shared/{relativePath} (the shared folder beside the repository)");
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClinicCms.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The tests run from inside a ClinicCms clone; ClinicCms.sln was not found above " + AppContext.BaseDirectory);
    }
}
