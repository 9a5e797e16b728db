using ClinicCms.Content.Security;
using ClinicCms.Web.Media;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Media;

/// <summary>
/// The media library: folders, uploads (allowed types and a size limit, names made safe), renaming, moving, deleting.
/// ManageMediaContent manages the whole library, users' folders included (Orchard Core asks ManageOthersMediaContent
/// for those); ManageOwnMediaContent alone (Authors, Contributors) only the user's own folder, which the page and the
/// picker open at (Orchard Core lets them manage the root too).
/// </summary>
public sealed class MediaModel(MediaStore media, PermissionService permissions) : PageModel
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"];

    private string _folder = "";

    // The folder this user may manage: "" (the whole library) or their own.
    private string _scope = "";

    // An empty folder field binds as null: that is the root.
    [BindProperty(SupportsGet = true)]
    public string? Folder { get => _folder; set => _folder = MediaStore.SafePath(value ?? ""); }

    public List<MediaStore.Entry> Entries { get; private set; } = [];
    public string? Error { get; private set; }
    public string Parent => _folder.Contains('/', StringComparison.Ordinal) ? _folder[.._folder.LastIndexOf('/')] : "";

    /// <summary>Whether the folder shown has a parent this user may open.</summary>
    public bool HasParent => _folder.Length > 0 && _folder != _scope;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!(await permissions.ForAsync(User, HttpContext.RequestAborted)).Has(Permissions.ManageMediaContent))
        {
            // The folder is named by the id as it is: an id that paths cannot hold as it is (a recipe may set any) could
            // share its folder with another user's.
            if (PermissionService.UserIdOf(User) is not { Length: > 0 } userId || MediaStore.SafeName(userId) != userId)
            {
                context.Result = Forbid();
                return;
            }
            _scope = MediaStore.UserFolder(userId);
            _folder = _folder.Length == 0 ? _scope : _folder;
            if (!MediaStore.IsWithin(_folder, _scope))
            {
                context.Result = OutsideScope(_folder);
                return;
            }
        }
        await next();
    }

    public bool IsImage(string name) => ImageExtensions.Contains(Path.GetExtension(name).ToLowerInvariant());

    public void OnGet()
    {
        Entries = media.List(_folder);
    }

    // The answer to a path outside the user's own folder: JSON for the picker, the page with the error otherwise.
    private IActionResult OutsideScope(string? path)
    {
        var message = $"You may manage only your own media folder ({_scope}), not '{MediaStore.SafePath(path ?? "")}'.";
        if (Request.Query["handler"] is [var handler] && (string.Equals(handler, "List", StringComparison.OrdinalIgnoreCase) || string.Equals(handler, "Picker", StringComparison.OrdinalIgnoreCase)))
        {
            return new JsonResult(new { error = message }) { StatusCode = StatusCodes.Status403Forbidden };
        }
        _folder = _scope;
        return Done(null, new MediaError(StatusCodes.Status403Forbidden, message));
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
        parent = HasParent ? Parent : null,
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

    public IActionResult OnPostFolder(string? name) => MediaStore.SafePath(name ?? "").Length == 0
        ? Done(null, MediaError.Invalid(MediaStore.NameProblem("", "folder")!))
        : Done("Folder created.", media.CreateFolder($"{_folder}/{name}"));

    public async Task<IActionResult> OnPostMoveAsync(string? path, string? to) =>
        !MediaStore.IsWithin(path, _scope) ? OutsideScope(path)
        : !MediaStore.IsWithin(to, _scope) ? OutsideScope(to)
        : Done("Moved.", await media.MoveAsync(path, to));

    public async Task<IActionResult> OnPostDeleteAsync(string? path) =>
        !MediaStore.IsWithin(path, _scope) || (_scope.Length > 0 && MediaStore.SafePath(path ?? "") == _scope) ? OutsideScope(path) : Done("Deleted.", await media.DeleteAsync(path));

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
