namespace ClinicCms.Recipes;

/// <summary>
/// Files a recipe may read: only those inside its own folder. An absolute path, a path that climbs out with '..'
/// or passes through a symbolic link is refused, so a recipe cannot publish the server's keys or settings. A recipe
/// without a folder (uploaded, not read from disk) reads no files at all.
/// </summary>
public static class RecipeFiles
{
    /// <summary>The full path of <paramref name="relative"/> inside <paramref name="basePath"/>, or the reason it is refused.</summary>
    public static (string? Path, string? Error) Resolve(string basePath, string relative)
    {
        if (string.IsNullOrEmpty(basePath))
        {
            return (null, $"'{relative}': this recipe has no folder of its own (it was not read from disk), so it cannot read files");
        }
        if (relative.Length == 0 || relative.Contains('\0', StringComparison.Ordinal))
        {
            return (null, $"'{relative}' is not a file name");
        }
        if (System.IO.Path.IsPathRooted(relative) || relative.StartsWith('~'))
        {
            return (null, $"'{relative}' is an absolute path; only files inside the recipe's folder can be read");
        }
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(basePath));
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));
        // Checked before the file's existence, so that a recipe cannot learn which files exist outside its folder.
        if (!full.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (null, $"'{relative}' is outside the recipe's folder; only files inside it can be read");
        }
        if (!File.Exists(full))
        {
            return (null, $"file not found: '{relative}' (relative to the recipe's folder)");
        }
        // Each step below the folder must be a real file or folder: a link could point anywhere on the server.
        for (var current = full; current.Length > root.Length; current = System.IO.Path.GetDirectoryName(current)!)
        {
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.Exists && entry.LinkTarget is not null)
            {
                return (null, $"'{relative}' passes through a symbolic link; only files inside the recipe's folder can be read");
            }
        }
        return (full, null);
    }
}
