using System.Text;
using ClinicCms.Content.Audit;
using ClinicCms.Content.Media;
using ClinicCms.Web.Hosting;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Media;

/// <summary>
/// Media files under the site's Media folder. Every path is made safe (no "..", no odd characters) and resolved
/// inside the folder, so nothing can be read or written outside it; uploads must have an allowed type and size.
/// Every file written, moved or deleted is announced (<see cref="MediaChanges"/>) once the file operation succeeded,
/// whoever asked for it: <c>media.changed</c> webhooks and caches hear of it.
/// </summary>
public sealed class MediaStore(AppDataPaths paths, IOptions<MediaOptions> options, MediaVariants variants, IServiceScopeFactory scopes)
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

    /// <summary>
    /// Saves an uploaded file; returns its path, or why not. An upload never replaces a file: one whose name exists in
    /// that folder is refused (Orchard Core's file store does the same), so a published page's image cannot change
    /// without anyone deleting it first. The bytes go to a temporary file first and are moved into place once complete,
    /// so a full or read-only disk leaves no partial file.
    /// </summary>
    public Task<(string? Path, MediaError? Error)> SaveAsync(string? folder, string fileName, Stream content, long length, CancellationToken cancellationToken = default) =>
        WriteAsync(folder, fileName, content, length, null, cancellationToken);

    /// <summary>
    /// Writes a recipe's file, replacing one of that name as Orchard Core's media step does (the run's undo puts the
    /// old bytes back if it fails), and announces it in the run's transaction.
    /// </summary>
    public Task<(string? Path, MediaError? Error)> ImportAsync(string? folder, string fileName, Stream content, long length, MediaChanges within,
        CancellationToken cancellationToken) =>
        WriteAsync(folder, fileName, content, length, within, cancellationToken);

    /// <param name="within">A recipe's changes: the file may replace one, and is announced in its transaction. Null: an upload.</param>
    private async Task<(string? Path, MediaError? Error)> WriteAsync(string? folder, string fileName, Stream content, long length, MediaChanges? within,
        CancellationToken cancellationToken)
    {
        var name = SafeName(fileName);
        var relative = Combine(SafePath(folder ?? ""), name);
        if ((NameProblem(relative, "file") ?? Check(name, length) ?? FileOnTheWay(SafePath(folder ?? ""))) is { } check)
        {
            return (null, MediaError.Invalid(check));
        }
        var full = Resolve(relative);
        var replace = within is not null;
        if (!replace && Exists(full))
        {
            return (null, NameTaken(fileName, name));
        }
        if (Path.GetExtension(name).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            if (SvgCheck.Problem(buffer) is { } problem)
            {
                return (null, MediaError.Invalid(problem));
            }
            buffer.Position = 0;
            content = buffer;
        }
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            // Without overwrite the move fails if the name was taken meanwhile (a hard link on Unix, MoveFileEx on
            // Windows): of two uploads of one name, one wins and the other is refused, never overwriting it.
            File.Move(temporary, full, overwrite: replace);
            variants.Forget(relative);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporary);
            return (null, !replace && Exists(full) ? NameTaken(fileName, name) : MediaError.Storage(e));
        }
        await AnnounceAsync([relative], within, AuditEvents.MediaUploaded, cancellationToken);
        return (relative, null);
    }

    // The same test the file system makes (case-sensitive on Linux), on the name the file would be written under.
    private static bool Exists(string full) => File.Exists(full) || Directory.Exists(full);

    private static MediaError NameTaken(string given, string name) => MediaError.Invalid(
        $"a file of that name {(Path.GetFileName(given.Replace('\\', '/')) == name ? "" : $"({name}) ")}exists; delete it first or upload it under another name");

    // The file has changed already: only a recipe's announcement may still be cancelled (its run rolls back and undoes the file).
    // A recipe's files are in its run's one audit row; other changes get a row of their own, by the request's user.
    private async Task AnnounceAsync(string[] changed, MediaChanges? within, string? auditEvent, CancellationToken cancellationToken)
    {
        if (within is not null)
        {
            await within.AnnounceAsync(changed, null, cancellationToken);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MediaChanges>().AnnounceAsync(changed, auditEvent, CancellationToken.None);
    }

    /// <summary>Why a media path cannot be used (empty, or a name or path too long for file systems), or null.</summary>
    public static string? NameProblem(string relative, string what)
    {
        var name = relative[(relative.LastIndexOf('/') + 1)..];
        if (name.Length == 0)
        {
            return $"a {what} name is required (letters, digits, '.', '-' and '_')";
        }
        if (relative.Split('/').FirstOrDefault(s => s.Length > MaxNameLength) is { } tooLong)
        {
            return $"the name '{tooLong[..20]}...' is {tooLong.Length} characters long; at most {MaxNameLength} are allowed";
        }
        return relative.Length > MaxPathLength ? $"the path is {relative.Length} characters long; at most {MaxPathLength} are allowed" : null;
    }

    /// <summary>Longest file or folder name: file systems allow 255 bytes, less the room a temporary upload name needs.</summary>
    public const int MaxNameLength = 200;

    public const int MaxPathLength = 1000;

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written there, or the folder refuses even deletes: there is nothing left to clean.
        }
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

    /// <summary>Why a file of this name and length is not accepted (type, size), or null.</summary>
    public string? Check(string name, long length)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!options.Value.AllowedExtensions.Contains(extension))
        {
            return $"Files of type '{extension}' are not allowed; allowed: {string.Join(", ", options.Value.AllowedExtensions)}.";
        }
        return length > options.Value.MaxFileBytes ? $"The file is larger than {options.Value.MaxFileBytes / 1024 / 1024} MB." : null;
    }

    public MediaError? CreateFolder(string path)
    {
        var relative = SafePath(path);
        if ((NameProblem(relative, "folder") ?? FileOnTheWay(relative)) is { } problem)
        {
            return MediaError.Invalid(problem);
        }
        try
        {
            Directory.CreateDirectory(Resolve(relative));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MediaError.Storage(e);
        }
    }

    public async Task<MediaError?> MoveAsync(string? from, string? to)
    {
        var relative = SafePath(to ?? "");
        if (string.IsNullOrEmpty(from))
        {
            return MediaError.Invalid("the path of the file to move is required");
        }
        if ((NameProblem(relative, "file") ?? Check(Path.GetFileName(relative), 0) ?? FileOnTheWay(Parent(relative))) is { } problem)
        {
            return MediaError.Invalid(problem);
        }
        var source = Resolve(from);
        var target = Resolve(relative);
        if (!File.Exists(source))
        {
            return MediaError.Invalid("there is no such file");
        }
        if (File.Exists(target) || Directory.Exists(target))
        {
            return MediaError.Invalid("a file with that name exists there already");
        }
        // A renamed file is served as its new type: an SVG must pass the same check as an upload.
        if (Path.GetExtension(target).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            using var content = File.OpenRead(source);
            if (SvgCheck.Problem(content) is { } svg)
            {
                return MediaError.Invalid(svg);
            }
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(source, target);
            variants.Forget(SafePath(from));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MediaError.Storage(e);
        }
        await AnnounceAsync([SafePath(from), relative], null, AuditEvents.MediaMoved, CancellationToken.None);
        return null;
    }

    /// <summary>Deletes a file, or an empty folder; deleting nothing (no such file) is not an error.</summary>
    public async Task<MediaError?> DeleteAsync(string? path)
    {
        if (string.IsNullOrEmpty(SafePath(path ?? "")))
        {
            return MediaError.Invalid("the path of the file or folder to delete is required");
        }
        var full = Resolve(path!);
        var deleted = false;
        try
        {
            if (File.Exists(full))
            {
                File.Delete(full);
                variants.Forget(SafePath(path!));
                deleted = true;
            }
            else if (Directory.Exists(full))
            {
                if (Directory.GetFileSystemEntries(full).Length > 0)
                {
                    return MediaError.Invalid("the folder is not empty: delete or move what it holds first");
                }
                Directory.Delete(full);
                deleted = true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MediaError.Storage(e);
        }
        if (deleted)
        {
            await AnnounceAsync([SafePath(path!)], null, AuditEvents.MediaDeleted, CancellationToken.None);
        }
        return null;
    }

    /// <summary>
    /// The folder of a user who may manage only their own media (ManageOwnMediaContent: Authors and Contributors),
    /// <c>_Users/{id}</c> as in Orchard Core: named by the user's id, which never changes or passes to another user as a
    /// name can. Only for an id that is a safe name as it is: two others could map to one folder.
    /// </summary>
    public static string UserFolder(string userId) => $"_Users/{SafeName(userId)}";

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it; the library's root holds every path.</summary>
    public static bool IsWithin(string? path, string folder)
    {
        var safe = SafePath(path ?? "");
        return folder.Length == 0 || safe == folder || safe.StartsWith(folder + "/", StringComparison.Ordinal);
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

    // A folder of the path that is a file: the file system's refusal would read as a storage failure.
    private string? FileOnTheWay(string folder)
    {
        var segments = folder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var n = 1; n <= segments.Length; n++)
        {
            var prefix = string.Join('/', segments[..n]);
            if (File.Exists(Resolve(prefix)))
            {
                return $"'{prefix}' is a file, not a folder";
            }
        }
        return null;
    }

    private static string Parent(string relative) => relative.Contains('/', StringComparison.Ordinal) ? relative[..relative.LastIndexOf('/')] : "";

    private string Relative(string full) => Path.GetRelativePath(Root, full).Replace('\\', '/');

    private static string Combine(string folder, string name) => folder.Length == 0 ? name : $"{folder}/{name}";
}
