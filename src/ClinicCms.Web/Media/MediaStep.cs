using System.Text.Json.Nodes;
using ClinicCms.Recipes.Steps;
using ClinicCms.Web.Security.Recipes;

namespace ClinicCms.Web.Media;

/// <summary>
/// Orchard's media step: Files with a TargetPath (or Path) and Base64 content or a SourcePath next to the recipe.
/// A missing source file or a type that is not allowed is an error, found before anything is written; when a later
/// step fails, the files it wrote are taken back with the rest of the run.
/// </summary>
public sealed class MediaStep(MediaStore media, ClinicCms.Content.Media.MediaChanges changes) : IRecipeStep
{
    public string Name => "media";

    private sealed record PlannedFile(string Target, byte[] Content);

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var planned = new List<PlannedFile>();
        var files = ClinicCms.Recipes.RecipeReader.Property(step.Step, "Files") as JsonArray ?? [];
        for (var i = 0; i < files.Count; i++)
        {
            var path = $"Files[{i}].";
            if (files[i] is not JsonObject file)
            {
                step.Error($"Files[{i}]", "expected an object");
                continue;
            }
            var target = MediaStore.SafePath(StepJson.Text(step, file, "TargetPath", path) ?? StepJson.Text(step, file, "Path", path) ?? "");
            if (target.Length == 0)
            {
                step.Error($"{path}TargetPath", "required: where the file goes in the media library");
                continue;
            }
            if ((MediaStore.NameProblem(target, "file") ?? media.Check(target, 0)) is { } error)
            {
                step.Error($"{path}TargetPath", error);
                continue;
            }
            var content = Content(step, file, path);
            if (content is not null && target.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && SvgCheck.Problem(new MemoryStream(content)) is { } svg)
            {
                step.Error($"{path}{(StepJson.Text(step, file, "Base64", path) is null ? "SourcePath" : "Base64")}", svg);
            }
            else if (content is not null)
            {
                planned.Add(new PlannedFile(target, content));
            }
        }
        step.State = planned;
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        foreach (var file in (List<PlannedFile>)step.State!)
        {
            step.Run.Undo.Add(media.Restorer(file.Target));
            using var stream = new MemoryStream(file.Content);
            // Announced in the run's transaction: media.changed goes out when the recipe commits, and not at all when it fails.
            var (_, error) = await media.ImportAsync(Path.GetDirectoryName(file.Target), Path.GetFileName(file.Target), stream, file.Content.Length, changes, cancellationToken);
            if (error is not null)
            {
                step.Error(file.Target, error.Message);
            }
        }
    }

    private static byte[]? Content(RecipeStepContext step, JsonObject file, string path)
    {
        if (StepJson.Text(step, file, "Base64", path) is { } base64)
        {
            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                step.Error($"{path}Base64", "not valid base64");
                return null;
            }
        }
        if (StepJson.Text(step, file, "SourcePath", path) is { } source)
        {
            var (full, error) = ClinicCms.Recipes.RecipeFiles.Resolve(step.Run.BasePath, source);
            if (full is null)
            {
                step.Error($"{path}SourcePath", error!);
                return null;
            }
            return File.ReadAllBytes(full);
        }
        step.Error(path.TrimEnd('.'), "needs Base64 content or a SourcePath (SourceUrl downloads are not supported)");
        return null;
    }
}
