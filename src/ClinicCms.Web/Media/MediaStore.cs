using System.Text;
using ClinicCms.Web.Hosting;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Media;

/// <summary>
/// Media files under the site's Media folder. Every path is made safe (no "..", no odd characters) and resolved
/// inside the folder, so nothing can be read or written outside it; uploads must have an allowed type and size.
/// </summary>
public sealed class MediaStore(AppDataPaths paths, IOptions<MediaOptions> options)
{
    public string Root { get; } = Path.Combine(paths.DefaultSite, "Media");

    public sealed record Entry(string Path, string Name, bool IsFolder, long Size);

    public List<Entry> List(string? folder)
    {
        var directory = Resolve(folder ?? "");
        Directory.CreateDirectory(Root);
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var folders = Directory.GetDirectories(directory).Order().Select(d => new Entry(Relative(d), Path.GetFileName(d), true, 0));
        var files = Directory.GetFiles(directory).Order().Select(f => new Entry(Relative(f), Path.GetFileName(f), false, new FileInfo(f).Length));
        return [.. folders, .. files];
    }

    /// <summary>Every file, for pickers.</summary>
    public List<string> AllFiles() =>
        Directory.Exists(Root) ? Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Select(Relative).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Saves a file; returns its path, or why not.</summary>
    public async Task<(string? Path, string? Error)> SaveAsync(string? folder, string fileName, Stream content, long length, CancellationToken cancellationToken = default)
    {
        var name = SafeName(fileName);
        var check = Check(name, length);
        if (check is not null)
        {
            return (null, check);
        }
        var relative = Combine(SafePath(folder ?? ""), name);
        var full = Resolve(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = File.Create(full);
        await content.CopyToAsync(file, cancellationToken);
        return (relative, null);
    }

    /// <summary>
    /// Captures the file at <paramref name="path"/> as it is now (its bytes, or that it and its new folders do not
    /// exist), and returns what puts it back.
    /// </summary>
    public Action Restorer(string path)
    {
        var full = Resolve(path);
        var root = Path.GetFullPath(Root);
        var previous = File.Exists(full) ? File.ReadAllBytes(full) : null;
        var missingFolders = new List<string>();
        for (var folder = Path.GetDirectoryName(full); folder is not null && folder.Length > root.Length && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missingFolders.Add(folder); // deepest first, the order they are removed in
        }
        return () =>
        {
            if (previous is not null)
            {
                File.WriteAllBytes(full, previous);
                return;
            }
            File.Delete(full);
            foreach (var folder in missingFolders.Where(f => Directory.Exists(f) && !Directory.EnumerateFileSystemEntries(f).Any()))
            {
                Directory.Delete(folder);
            }
        };
    }

    public string? Check(string name, long length)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!options.Value.AllowedExtensions.Contains(extension))
        {
            return $"Files of type '{extension}' are not allowed; allowed: {string.Join(", ", options.Value.AllowedExtensions)}.";
        }
        return length > options.Value.MaxFileBytes ? $"The file is larger than {options.Value.MaxFileBytes / 1024 / 1024} MB." : null;
    }

    public void CreateFolder(string path) => Directory.CreateDirectory(Resolve(SafePath(path)));

    public string? Move(string from, string to)
    {
        var source = Resolve(from);
        var target = Resolve(SafePath(to));
        if (!File.Exists(source))
        {
            return "There is no such file.";
        }
        if (Check(Path.GetFileName(target), 0) is { } error)
        {
            return error;
        }
        if (File.Exists(target))
        {
            return "A file with that name exists there already.";
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(source, target);
        return null;
    }

    public void Delete(string path)
    {
        var full = Resolve(path);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
        else if (Directory.Exists(full) && full != Path.GetFullPath(Root) && Directory.GetFileSystemEntries(full).Length == 0)
        {
            Directory.Delete(full);
        }
    }

    /// <summary>A path inside the media folder; anything that would leave it is refused.</summary>
    public string Resolve(string relative)
    {
        var root = Path.GetFullPath(Root);
        var full = Path.GetFullPath(Path.Combine(root, SafePath(relative)));
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The path leaves the media folder.");
        }
        return full;
    }

    /// <summary>Folders and a file name, each segment made safe; ".." and empty segments are dropped.</summary>
    public static string SafePath(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(SafeName).Where(s => s.Length > 0 && s != "." && s != ".."));

    public static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in Path.GetFileName(name.Replace('\\', '/')).Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }
        return builder.ToString().Trim('.', '-');
    }

    private string Relative(string full) => Path.GetRelativePath(Root, full).Replace('\\', '/');

    private static string Combine(string folder, string name) => folder.Length == 0 ? name : $"{folder}/{name}";
}
