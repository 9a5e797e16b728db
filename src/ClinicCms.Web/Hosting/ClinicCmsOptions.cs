using ClinicCms.Content.Store;

namespace ClinicCms.Web.Hosting;

/// <summary>The ClinicCms configuration section.</summary>
public sealed class ClinicCmsOptions
{
    public const string Section = "ClinicCms";

    /// <summary>The data folder: the SQLite database, logs and media live here. Default: App_Data at the repository root.</summary>
    public string? AppDataPath { get; set; }

    /// <summary>The folder of recipes the setup and the admin's recipes page offer. Default: recipes/ at the repository root.</summary>
    public string? RecipesPath { get; set; }

    public DatabaseOptions Database { get; set; } = new();

    public SetupOptions Setup { get; set; } = new();
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class SetupOptions
{
    /// <summary>A recipe name from recipes/ (clinic) or a path to a recipe file.</summary>
    public string Recipe { get; set; } = "clinic";
    public string SiteName { get; set; } = "ClinicCms";
    public string AdminUserName { get; set; } = "admin";
    public string AdminEmail { get; set; } = "admin@example.com";

    /// <summary>When empty, setup generates a strong password and prints it once.</summary>
    public string? AdminPassword { get; set; }
}
