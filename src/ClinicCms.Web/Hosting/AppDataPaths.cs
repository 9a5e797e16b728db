namespace ClinicCms.Web.Hosting;

/// <summary>Where the data folder, the default site's folder and the shipped recipes are.</summary>
public sealed class AppDataPaths
{
    public AppDataPaths(string? configured, string contentRoot, string? recipes = null)
    {
        var repositoryRoot = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(contentRoot);
        RepositoryRoot = repositoryRoot;
        Root = Path.GetFullPath(configured is { Length: > 0 }
            ? Path.Combine(repositoryRoot ?? contentRoot, configured)
            : Path.Combine(repositoryRoot ?? contentRoot, "App_Data"));
        RecipesFolder = recipes is { Length: > 0 } ? Path.GetFullPath(recipes)
            : repositoryRoot is not null ? Path.Combine(repositoryRoot, "recipes") : Path.Combine(AppContext.BaseDirectory, "recipes");
    }

    public string Root { get; }

    /// <summary>The clone this app runs from, or null for a published build.</summary>
    public string? RepositoryRoot { get; }

    public string DefaultSite => Path.Combine(Root, "Sites", "Default");

    public string Logs => Path.Combine(Root, "logs");

    public string RecipesFolder { get; }

    public string SqliteConnectionString => $"Data Source={Path.Combine(DefaultSite, "clinic.db")}";

    // Running from a clone (dotnet run, tests), the data folder and recipes/ sit at the repository root;
    // a published build has neither above it and uses its own folder.
    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClinicCms.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
