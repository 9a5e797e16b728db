using ClinicCms.Content.Preparation;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Export;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Setup;

namespace ClinicCms.Web.CommandLine;

/// <summary>
/// <c>recipe run FILE [--param Name=Value ...]</c> and <c>recipe export FILE</c>, on the same services as the
/// web host but with no web server. On a data folder with no site yet, <c>run</c> sets the site up with FILE.
/// </summary>
public static class RecipeCommand
{
    private const string Usage = "usage: recipe run FILE [--param Name=Value ...] | recipe export FILE";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "recipe";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3 || args[1] is not ("run" or "export"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var parameters = new Dictionary<string, string>();
        for (var i = 3; i < args.Length; i++)
        {
            if (args[i] != "--param" || i + 1 >= args.Length || args[i + 1].Split('=', 2) is not [var name, var value])
            {
                await Console.Error.WriteLineAsync($"unexpected argument '{args[i]}'; {Usage}");
                return 2;
            }
            parameters[name] = value;
            i++;
        }
        if (args[1] == "run")
        {
            PgoOffRestart.Apply();
            // The import's first sanitized body would pay for the sanitizer's set-up: the other core does it meanwhile.
            _ = Task.Run(HtmlCleaner.WarmUp);
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddClinicCmsNLog(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddClinicCmsCore(builder.Configuration, builder.Environment.ContentRootPath);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var file = ResolvePath(args[2], scope.ServiceProvider.GetRequiredService<AppDataPaths>());
        try
        {
            return args[1] == "run"
                ? await RunRecipeAsync(scope.ServiceProvider, file, parameters)
                : await ExportAsync(scope.ServiceProvider, file);
        }
        catch (RecipeException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (System.Data.Common.DbException e)
        {
            await Console.Error.WriteLineAsync($"error: the database could not be used: {e.Message}");
            return 1;
        }
    }

    // `dotnet run --project src/ClinicCms.Web` starts the app in the project's folder, not where the command was
    // typed; from a clone, a relative FILE therefore means relative to the repository root.
    private static string ResolvePath(string path, AppDataPaths paths)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var underDotnetRun = File.Exists(Path.Combine(Environment.CurrentDirectory, "ClinicCms.Web.csproj"));
        return Path.GetFullPath(underDotnetRun && paths.RepositoryRoot is { } root ? Path.Combine(root, path) : path);
    }

    private static async Task<int> RunRecipeAsync(IServiceProvider services, string file, Dictionary<string, string> parameters)
    {
        var setup = services.GetRequiredService<SetupService>();
        var progress = new Progress<string>(line => Console.Error.WriteLine(line));
        await setup.MigrateAsync();
        if (!await setup.IsSetUpAsync())
        {
            var report = await setup.SetUpAsync(file, progress);
            Console.Write(report?.ToString() ?? "The site was set up by another process meanwhile; run the command again to apply the recipe.\n");
            return 0;
        }
        var recipe = RecipeReader.ReadFile(file);
        var result = await services.GetRequiredService<RecipeExecutor>().RunAsync(recipe, new RecipeRunOptions
        {
            Parameters = parameters,
            Configuration = key => services.GetRequiredService<IConfiguration>()[key],
            Progress = progress,
        });
        Console.Write(result.ToString());
        return 0;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string file)
    {
        var setup = services.GetRequiredService<SetupService>();
        await setup.MigrateAsync();
        if (!await setup.IsSetUpAsync())
        {
            // An empty export would look like a backup of a site that has nothing in it.
            var data = services.GetRequiredService<AppDataPaths>().Root;
            await Console.Error.WriteLineAsync($"error: there is no site in the data folder '{data}' to export; start the site once or run `recipe run FILE` first.");
            return 1;
        }
        var temporary = file + ".partial";
        int count;
        await using (var output = File.Create(temporary))
        {
            count = await services.GetRequiredService<RecipeExporter>()
                .ExportAsync(output, new Progress<int>(n => Console.Error.WriteLine($"exported {n} versions")));
        }
        File.Move(temporary, file, overwrite: true);
        Console.WriteLine($"Exported the content definitions and {count} content item versions to {file}");
        return 0;
    }
}
