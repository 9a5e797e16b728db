using ClinicCms.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Media;

/// <summary>The media library: folders, uploads (allowed types and a size limit, names made safe), renaming, moving, deleting.</summary>
public sealed class MediaModel(MediaStore media) : PageModel
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"];

    private string _folder = "";

    // An empty folder field binds as null: that is the root.
    [BindProperty(SupportsGet = true)]
    public string? Folder { get => _folder; set => _folder = MediaStore.SafePath(value ?? ""); }

    public List<MediaStore.Entry> Entries { get; private set; } = [];
    public string? Error { get; private set; }
    public string Parent => _folder.Contains('/', StringComparison.Ordinal) ? _folder[.._folder.LastIndexOf('/')] : "";

    public bool IsImage(string name) => ImageExtensions.Contains(Path.GetExtension(name).ToLowerInvariant());

    public void OnGet()
    {
        Entries = media.List(_folder);
    }

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> files)
    {
        if (files.Count == 0)
        {
            return Done(null, MediaError.Invalid("Choose at least one file to upload."));
        }
        var errors = new List<MediaError>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var (_, error) = await media.SaveAsync(_folder, file.FileName, stream, file.Length, HttpContext.RequestAborted);
            if (error is not null)
            {
                errors.Add(error with { Message = $"{file.FileName}: {error.Message}" });
            }
        }
        // A storage failure outranks a refused file: it is the server's problem, not the editor's.
        var status = errors.Count == 0 ? 0 : errors.Max(e => e.StatusCode);
        return Done($"{files.Count} files uploaded.", errors.Count == 0 ? null : new MediaError(status, string.Join(" ", errors.Select(e => e.Message))));
    }

    /// <summary>The folder as JSON, for the media picker of the edit form (same rights as this page).</summary>
    public IActionResult OnGetList() => new JsonResult(new
    {
        folder = _folder,
        parent = _folder.Length == 0 ? null : Parent,
        entries = media.List(_folder).Select(e => new { path = e.Path, name = e.Name, folder = e.IsFolder, image = !e.IsFolder && IsImage(e.Name), url = e.IsFolder ? null : $"/media/{e.Path}" }),
    });

    /// <summary>An upload from the media picker: the saved paths as JSON, or the library's error with its status.</summary>
    public async Task<IActionResult> OnPostPickerAsync(List<IFormFile> files)
    {
        if (files.Count == 0)
        {
            return new JsonResult(new { error = "Choose at least one file to upload." }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        var paths = new List<string>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var (path, error) = await media.SaveAsync(_folder, file.FileName, stream, file.Length, HttpContext.RequestAborted);
            if (error is not null)
            {
                return new JsonResult(new { error = $"{file.FileName}: {error.Message}", paths }) { StatusCode = error.StatusCode };
            }
            paths.Add(path!);
        }
        return new JsonResult(new { paths });
    }

    public IActionResult OnPostFolder(string? name) => Done("Folder created.", media.CreateFolder($"{_folder}/{name}"));

    public async Task<IActionResult> OnPostMoveAsync(string? path, string? to) => Done("Moved.", await media.MoveAsync(path, to));

    public async Task<IActionResult> OnPostDeleteAsync(string? path) => Done("Deleted.", await media.DeleteAsync(path));

    private IActionResult Done(string? message, MediaError? error)
    {
        if (error is not null)
        {
            Error = error.Message;
            Response.StatusCode = error.StatusCode;
            OnGet();
            return Page();
        }
        TempData["Message"] = message;
        return Redirect($"/admin/media?folder={Uri.EscapeDataString(_folder)}");
    }
}
