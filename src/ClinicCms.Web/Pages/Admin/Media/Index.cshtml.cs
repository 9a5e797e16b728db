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
        var errors = new List<string>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var (_, error) = await media.SaveAsync(_folder, file.FileName, stream, file.Length, HttpContext.RequestAborted);
            if (error is not null)
            {
                errors.Add($"{file.FileName}: {error}");
            }
        }
        return Done(errors.Count == 0 ? $"{files.Count} files uploaded." : null, string.Join(" ", errors));
    }

    public IActionResult OnPostFolder(string name)
    {
        media.CreateFolder($"{_folder}/{name}");
        return Done("Folder created.", null);
    }

    public IActionResult OnPostMove(string path, string to) => Done("Moved.", media.Move(path, to));

    public IActionResult OnPostDelete(string path)
    {
        media.Delete(path);
        return Done("Deleted.", null);
    }

    private IActionResult Done(string? message, string? error)
    {
        if (!string.IsNullOrEmpty(error))
        {
            Error = error;
            OnGet();
            return Page();
        }
        TempData["Message"] = message;
        return Redirect($"/admin/media?folder={Uri.EscapeDataString(_folder)}");
    }
}
