using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ClinicCms.Content.Media;
using ClinicCms.Web.Hosting;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Media;

/// <summary>
/// Resized images on disk, under the site's MediaCache folder (beside Media, so never served on its own). A variant's
/// name holds the original's version (size and last write time) and the normalized parameters, so a replaced original
/// never finds an old variant; a file is written to a temporary name and renamed into place. Requests for the same new
/// variant share one resize, at most <see cref="MediaOptions.MaxConcurrentResizes"/> resizes run at once and at most
/// <see cref="MediaOptions.MaxWaitingResizes"/> wait for a turn. The folder's total size is held under
/// <see cref="MediaOptions.CacheMaxBytes"/> (<see cref="VariantCacheCap"/>).
/// </summary>
public sealed class MediaVariants(AppDataPaths paths, IOptions<MediaOptions> options, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Refusal?>>> _running = new(StringComparer.Ordinal);
    private long _resized;

    /// <summary>The turns to resize.</summary>
    public ResizeSlots Slots { get; } = new(
        Math.Max(1, options.Value.MaxConcurrentResizes),
        Math.Max(0, options.Value.MaxWaitingResizes ?? 4 * Math.Max(1, options.Value.MaxConcurrentResizes)));

    public string Root { get; } = Path.Combine(paths.DefaultSite, "MediaCache");

    /// <summary>The cap on the folder's total size, least recently used variants first out.</summary>
    public VariantCacheCap Cap { get; } = new(Path.Combine(paths.DefaultSite, "MediaCache"), options.Value.CacheMaxBytes, clock);

    /// <summary>Variants written since the start: a variant served from disk adds nothing.</summary>
    public long Resized => Interlocked.Read(ref _resized);

    /// <summary>Why a variant is not made: the answer's status and what to tell the client.</summary>
    public sealed record Refusal(int Status, string Detail);

    /// <summary>A variant of one version of an original: where it is kept, its ETag, and the parameters that make it.</summary>
    public sealed record Variant(string File, string ETag, ImageFormat Format, ImageResize Resize);

    /// <summary>The version of an original that its variants' names hold, and that a <c>v</c> parameter may carry.</summary>
    public static string VersionOf(FileInfo original) => $"{original.Length:x}-{original.LastWriteTimeUtc.Ticks:x}";

    /// <summary>The variant of <paramref name="relative"/> (at <paramref name="original"/>) for these parameters.</summary>
    public Variant For(string relative, FileInfo original, ImageResize resize)
    {
        var format = ImageResizer.OutputFormat(relative, resize);
        // Parameters that change nothing are left out, so they cannot make more files of the same image.
        resize = resize.Effective(format);
        var version = VersionOf(original);
        var key = $"{resize.Width ?? 0}x{resize.Height ?? 0}-{ImageResize.ModeName(resize.Mode)}-q{resize.Quality ?? 0}-{resize.Background?.Hex ?? "none"}";
        var file = Path.Combine(FolderOf(relative), $"{version}_{key}.{ImageResize.FormatName(format)}");
        return new(file, $"\"{version}_{key}_{ImageResize.FormatName(format)}\"", format, resize);
    }

    /// <summary>
    /// Makes the variant unless it is on disk already; returns why it is not made, or null. <paramref name="cancel"/>
    /// (the request going away) ends the wait for a turn.
    /// </summary>
    public async Task<Refusal?> EnsureAsync(Variant variant, string original, CancellationToken cancel)
    {
        while (!File.Exists(variant.File))
        {
            var running = _running.GetOrAdd(variant.File, _ => new Lazy<Task<Refusal?>>(() => CreateAsync(variant, original, cancel)));
            try
            {
                return await running.Value.WaitAsync(cancel);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // The request that started this resize went away while it waited for a turn: start it again.
            }
        }
        return null;
    }

    public void Dispose() => Slots.Dispose();

    /// <summary>Removes every variant of a file that was replaced, moved or deleted.</summary>
    public void Forget(string relative)
    {
        try
        {
            var folder = FolderOf(relative);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Variants carry their original's version in their names: one left behind is never served for a newer file.
        }
    }

    private async Task<Refusal?> CreateAsync(Variant variant, string original, CancellationToken cancel)
    {
        try
        {
            using var turn = await Slots.EnterAsync(cancel);
            if (turn is null)
            {
                return new(StatusCodes.Status503ServiceUnavailable,
                    $"{Slots.MaxWaiting} resizes are waiting already (ClinicCms:Media:MaxWaitingResizes); try again shortly");
            }
            if (File.Exists(variant.File))
            {
                return null;
            }
            var folder = Path.GetDirectoryName(variant.File)!;
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
            try
            {
                var problem = await Task.Run(() => ImageResizer.Resize(original, temporary, variant.Resize, options.Value));
                if (problem is not null)
                {
                    return new(StatusCodes.Status422UnprocessableEntity, problem);
                }
                File.Move(temporary, variant.File, overwrite: true);
                Cap.Added(variant.File, new FileInfo(variant.File).Length);
            }
            finally
            {
                File.Delete(temporary); // gone already once moved into place
            }
            Interlocked.Increment(ref _resized);
            RemoveOtherVersions(folder, Path.GetFileName(variant.File));
            return null;
        }
        finally
        {
            // Only this resize removes itself, so a request that stops waiting never lets a second one start.
            _running.TryRemove(variant.File, out _);
        }
    }

    // Variants of an earlier version of the original can never be asked for again.
    private static void RemoveOtherVersions(string folder, string written)
    {
        var version = written[..(written.IndexOf('_', StringComparison.Ordinal) + 1)];
        foreach (var file in Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith(version, StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.')))
        {
            File.Delete(file);
        }
    }

    /// <summary>The folder of one original's variants, named by a hash of its path: short and safe whatever the path's depth.</summary>
    public string FolderOf(string relative) =>
        Path.Combine(Root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relative)))[..32]);
}
