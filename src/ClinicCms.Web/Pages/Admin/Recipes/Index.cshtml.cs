using ClinicCms.Content.Definitions;
using ClinicCms.Content.Security;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Export;
using ClinicCms.Web.Admin;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Recipes;

/// <summary>The recipes shipped in recipes/: run one and read its report (or its errors, with nothing changed); export chosen types.</summary>
public sealed class RecipesModel(AppDataPaths paths, RecipeExecutor executor, RecipeExporter exporter, ContentDefinitionStore definitions, IConfiguration configuration, PermissionService permissions) : PageModel
{
    public List<RecipeDescriptor> Recipes { get; } = [];
    public List<string> Types { get; private set; } = [];
    public string? Report { get; private set; }
    public string? Errors { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostRunAsync(string file)
    {
        var path = Path.Combine(paths.RecipesFolder, Path.GetFileName(file)); // a name from the list, never a path
        try
        {
            var report = await executor.RunAsync(RecipeReader.ReadFile(path), new RecipeRunOptions
            {
                // Published items of reviewed types come in only for a user who may approve them.
                User = PermissionService.WriterOf(User) with { CanReview = (await permissions.ForAsync(User, HttpContext.RequestAborted)).Has(Permissions.ReviewContent) },
                Configuration = key => configuration[key],
            }, HttpContext.RequestAborted);
            Report = report.ToString();
        }
        catch (RecipeException e)
        {
            Errors = e.Message;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(string[] types)
    {
        var output = new MemoryStream();
        await exporter.ExportAsync(output, types: types.ToHashSet(), cancellationToken: HttpContext.RequestAborted);
        output.Position = 0;
        return File(output, "application/json", $"export-{DateTime.UtcNow:yyyyMMdd-HHmm}.recipe.json");
    }

    private async Task LoadAsync()
    {
        foreach (var file in Directory.Exists(paths.RecipesFolder) ? Directory.GetFiles(paths.RecipesFolder, "*.recipe.json").Order().ToArray() : [])
        {
            try
            {
                Recipes.Add(RecipeReader.ReadFile(file));
            }
            catch (RecipeException e)
            {
                Errors ??= e.Message;
            }
        }
        Types = (await definitions.GetAsync(HttpContext.RequestAborted)).Types.Select(t => t.Name).ToList();
    }
}
