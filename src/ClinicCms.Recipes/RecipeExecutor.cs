using System.Diagnostics;
using System.Text.Json.Nodes;
using ClinicCms.Content.Audit;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Store;
using ClinicCms.Recipes.Scripting;
using ClinicCms.Recipes.Steps;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Recipes;

/// <summary>
/// Runs a recipe all or nothing. First every step is read, its scripts evaluated and its content checked against
/// the definitions it will meet (no writes); any error stops the run there. Then all steps are applied in one
/// transaction, which a failure rolls back (and then announces nothing). Steps are found by name in a dictionary: an
/// unknown name is an error.
/// </summary>
public sealed partial class RecipeExecutor(
    IEnumerable<IRecipeStep> steps,
    ContentDefinitionStore definitions,
    SiteDocumentStore documents,
    ContentUnitOfWork unitOfWork,
    ISiteLock siteLock,
    AuditTrail audit,
    ILogger<RecipeExecutor> logger)
{
    // A run that writes this many items changes the data's shape enough to refresh the planner's statistics.
    private const int BulkItems = 500;

    private readonly Dictionary<string, IRecipeStep> _steps = steps.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<RecipeReport> RunAsync(RecipeDescriptor recipe, RecipeRunOptions options, CancellationToken cancellationToken = default)
    {
        // Instances take turns, so two runs never plan against definitions the other is changing.
        await using var turn = await siteLock.AcquireAsync("recipes", cancellationToken);
        var clock = Stopwatch.StartNew();
        LogStarting(recipe.Name ?? recipe.FileName, recipe.FileName, recipe.Steps.Count);
        var run = await StartRunAsync(recipe, options, cancellationToken);
        var planned = await PlanAsync(recipe, options, run, cancellationToken);
        if (run.Errors.Count > 0)
        {
            throw Fail(recipe, run.Errors);
        }
        await using var room = await unitOfWork.RoomForBulkWriteAsync(cancellationToken);
        await using (var transaction = await unitOfWork.BeginAsync(cancellationToken))
        {
            var committed = false;
            try
            {
                foreach (var step in planned)
                {
                    await step.Handler.ApplyAsync(step.Context, cancellationToken);
                    if (run.Errors.Count > 0)
                    {
                        throw Fail(recipe, run.Errors);
                    }
                    LogStep(recipe.FileName, step.Context.Index, step.Context.Name);
                }
                await SaveDocumentsAsync(run, cancellationToken);
                // One audit row for the run, whatever the number of items it imported.
                await audit.RecordAsync(AuditRow.Of(AuditCategories.Recipe, AuditEvents.RecipeRun, run.User,
                    $"{recipe.Name ?? recipe.FileName}: {run.Report.ItemsCreated} items created, {run.Report.ItemsUpdated} updated, {run.Report.ItemsUnchanged} unchanged"), cancellationToken);
                if (run.Report.ItemsCreated + run.Report.ItemsUpdated >= BulkItems)
                {
                    await unitOfWork.RefreshStatisticsAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                committed = true; // the store announces what the steps wrote, now that it is committed
            }
            catch (RecipeException)
            {
                unitOfWork.Reset();
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                unitOfWork.Reset();
                var error = new RecipeError(recipe.FileName, null, null, "", $"the recipe could not be saved, nothing was changed: {e.Message}");
                LogFailed(e, recipe.FileName, error.ToString());
                throw new RecipeException([error]);
            }
            finally
            {
                if (!committed)
                {
                    run.RunUndo(); // the database rolls back with the transaction; files written meanwhile do not
                }
            }
        }
        run.Report.Duration = clock.Elapsed;
        LogDone(recipe.FileName, run.Report.ItemsCreated, run.Report.ItemsUpdated, run.Report.ItemsUnchanged, run.Report.Warnings.Count, clock.ElapsedMilliseconds);
        return run.Report;
    }

    private async Task<List<(IRecipeStep Handler, RecipeStepContext Context)>> PlanAsync(RecipeDescriptor recipe, RecipeRunOptions options, RecipeRun run, CancellationToken cancellationToken)
    {
        var planned = new List<(IRecipeStep, RecipeStepContext)>();
        var scriptContext = new RecipeScriptContext(recipe.Variables, options.Parameters, options.Configuration, recipe.BasePath);
        using var scripts = new ScriptEvaluator(scriptContext);
        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            if (recipe.Steps[i] is not JsonObject json || RecipeReader.Text(json, "name") is not { Length: > 0 } name)
            {
                run.Errors.Add(new RecipeError(recipe.FileName, i, null, "name", "every step needs a \"name\""));
                continue;
            }
            if (!_steps.TryGetValue(name, out var handler))
            {
                if (SkippedSteps.ReasonFor(name) is { } reason)
                {
                    run.Report.Steps.Add(new StepOutcome(i, name, false, reason));
                    run.Report.Warnings.Add($"steps[{i}] ({name}) skipped: {reason}");
                    LogSkipped(recipe.FileName, i, name, reason);
                    continue;
                }
                run.Errors.Add(new RecipeError(recipe.FileName, i, name, "name", $"unknown step '{name}'"));
                continue;
            }
            var context = new RecipeStepContext(run, i, name, json);
            var scriptErrors = new List<(string Path, string Message)>();
            scripts.EvaluateAll(json, "", scriptErrors);
            foreach (var (path, message) in scriptErrors)
            {
                context.Error(path, message);
            }
            await handler.PlanAsync(context, cancellationToken);
            run.Report.Steps.Add(new StepOutcome(i, name, true, null));
            planned.Add((handler, context));
        }
        run.Report.Warnings.AddRange(scriptContext.Warnings.Distinct());
        return planned;
    }

    private async Task<RecipeRun> StartRunAsync(RecipeDescriptor recipe, RecipeRunOptions options, CancellationToken cancellationToken) => new()
    {
        Report = new RecipeReport { FileName = recipe.FileName, RecipeName = recipe.Name },
        Definitions = (await definitions.GetAsync(cancellationToken)).Copy(),
        Settings = await LoadAsync(SiteDocumentNames.Settings, cancellationToken),
        Features = await LoadAsync(SiteDocumentNames.Features, cancellationToken),
        User = options.User,
        Progress = options.Progress,
        BasePath = recipe.BasePath,
    };

    private async Task<JsonObject> LoadAsync(string name, CancellationToken cancellationToken) =>
        (await documents.FindAsync(name, cancellationToken)) is { } document ? JsonNode.Parse(document.Content) as JsonObject ?? [] : [];

    // A document is written only when the run changed it, so caches keyed by its version (the GraphQL schema) survive a re-run.
    private async Task SaveDocumentsAsync(RecipeRun run, CancellationToken cancellationToken)
    {
        if (run.DefinitionsChanged && run.Definitions.ToJson() != (await definitions.GetAsync(cancellationToken)).ToJson())
        {
            await definitions.SaveAsync(run.Definitions, cancellationToken);
        }
        await SaveIfChangedAsync(run.SettingsChanged, SiteDocumentNames.Settings, run.Settings, cancellationToken);
        await SaveIfChangedAsync(run.FeaturesChanged, SiteDocumentNames.Features, run.Features, cancellationToken);
    }

    private async Task SaveIfChangedAsync(bool changed, string name, JsonObject content, CancellationToken cancellationToken)
    {
        var json = content.ToJsonString();
        if (changed && (await documents.FindAsync(name, cancellationToken))?.Content != json)
        {
            await documents.SaveAsync(name, json, cancellationToken);
        }
    }

    private RecipeException Fail(RecipeDescriptor recipe, List<RecipeError> errors)
    {
        var exception = new RecipeException(errors);
        LogRejected(recipe.FileName, errors.Count, exception.Message);
        return exception;
    }

    [LoggerMessage(LogLevel.Information, "Running recipe {Recipe} from {File}: {StepCount} steps")]
    private partial void LogStarting(string recipe, string file, int stepCount);

    [LoggerMessage(LogLevel.Information, "Recipe {File}: steps[{Index}] ({Step}) applied")]
    private partial void LogStep(string file, int index, string step);

    [LoggerMessage(LogLevel.Information, "Recipe {File}: steps[{Index}] ({Step}) skipped: {Reason}")]
    private partial void LogSkipped(string file, int index, string step, string reason);

    [LoggerMessage(LogLevel.Information, "Recipe {File} applied: {Created} items created, {Updated} updated, {Unchanged} unchanged, {Warnings} warnings, in {Milliseconds} ms")]
    private partial void LogDone(string file, int created, int updated, int unchanged, int warnings, long milliseconds);

    [LoggerMessage(LogLevel.Error, "Recipe {File} rejected with {Count} errors; nothing was changed:\n{Errors}")]
    private partial void LogRejected(string file, int count, string errors);

    [LoggerMessage(LogLevel.Error, "Recipe {File} failed; nothing was changed: {Error}")]
    private partial void LogFailed(Exception exception, string file, string error);
}
