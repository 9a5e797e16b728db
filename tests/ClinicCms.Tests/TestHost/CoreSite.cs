using ClinicCms.Recipes;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Setup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// A site set up from the empty recipe, on the app's own services as the <c>recipe run</c> command builds them
/// (<see cref="ClinicCmsHostExtensions.AddClinicCmsCore"/>: the store, every recipe step, users, API clients, media) with no
/// web server, for tests that import and export and need nothing else. On SQLite each site is a copy of one data
/// folder set up once for the test run: a real database file of its own, without migrating and setting up again.
/// On a PostgreSQL run (<see cref="ServiceRequirement.OnPostgres"/>) each site is a new migrated database, set up.
/// </summary>
public sealed class CoreSite : IAsyncDisposable
{
    private static readonly SemaphoreSlim PreparingLock = new(1, 1);
    private static readonly Dictionary<string, TempFolder> Prepared = [];

    private readonly IHost _host;
    private readonly TempFolder _data;
    private readonly PostgresDatabase? _database;

    private CoreSite(IHost host, TempFolder data, PostgresDatabase? database)
    {
        _host = host;
        _data = data;
        _database = database;
    }

    public static async Task<CoreSite> StartAsync()
    {
        var data = new TempFolder();
        if (ServiceRequirement.OnPostgres)
        {
            var database = await PostgresDatabase.CreateMigratedAsync(MigrateTemplateAsync);
            var site = new CoreSite(Build(data.Path, database.ConnectionString, ClinicCmsApp.EmptyRecipe), data, database);
            await site.SetUpAsync();
            return site;
        }
        await CopyPreparedAsync(ClinicCmsApp.EmptyRecipe, null, data.Path);
        var copy = new CoreSite(Build(data.Path, null, ClinicCmsApp.EmptyRecipe), data, null);
        await copy.SetUpAsync(); // finds the copy set up, and only checks the migrations, as `recipe run` does
        return copy;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs a recipe file; [file:...] paths are relative to <paramref name="basePath"/>.</summary>
    public Task<RecipeReport> RunRecipeAsync(string path, string? basePath = null) => InScopeAsync(async sp =>
    {
        await using var stream = File.OpenRead(path);
        var recipe = RecipeReader.Read(stream, Path.GetFileName(path), basePath ?? Path.GetDirectoryName(path)!);
        return await sp.GetRequiredService<RecipeExecutor>().RunAsync(recipe, new RecipeRunOptions());
    });

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        _data.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private Task<int> SetUpAsync() => InScopeAsync(async sp =>
    {
        var setup = sp.GetRequiredService<SetupService>();
        await setup.MigrateAsync();
        await setup.SetUpAsync();
        return 0;
    });

    /// <summary>
    /// Copies into <paramref name="dataPath"/> the data folder of a SQLite site set up from <paramref name="setupRecipe"/>
    /// (null: the configured one, the clinic recipe) by the app's setup, with <paramref name="thenRecipe"/> run on it
    /// if given; made by the first test that asks for it and deleted when the test run ends.
    /// </summary>
    public static async Task CopyPreparedAsync(string? setupRecipe, string? thenRecipe, string dataPath)
    {
        var key = $"{setupRecipe}|{thenRecipe}";
        await PreparingLock.WaitAsync();
        try
        {
            if (!Prepared.ContainsKey(key))
            {
                var folder = new TempFolder();
                // SQLite pooling is off: disposing the host closes the file, which checkpoints its write-ahead log.
                using (var host = Build(folder.Path, null, setupRecipe))
                {
                    var site = new CoreSite(host, folder, null);
                    await site.SetUpAsync();
                    if (thenRecipe is not null)
                    {
                        await site.RunRecipeAsync(thenRecipe);
                    }
                }
                AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
                Prepared[key] = folder;
            }
        }
        finally
        {
            PreparingLock.Release();
        }
        TempFolder.CopyFiles(Prepared[key].Path, dataPath);
    }

    private static async Task MigrateTemplateAsync(string connectionString)
    {
        using var data = new TempFolder();
        using var host = Build(data.Path, connectionString, null);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SetupService>().MigrateAsync();
    }

    private static IHost Build(string dataPath, string? postgres, string? setupRecipe)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Development",
        });
        var settings = new Dictionary<string, string?>
        {
            ["ClinicCms:AppDataPath"] = dataPath,
            ["ClinicCms:Setup:AdminPassword"] = ClinicCmsApp.AdminPassword,
        };
        if (setupRecipe is not null)
        {
            settings["ClinicCms:Setup:Recipe"] = setupRecipe;
        }
        if (postgres is null)
        {
            // Pooling off, so that the file is closed (and can be copied or deleted) when the site ends.
            settings["ConnectionStrings:ClinicCms"] = $"Data Source={Path.Combine(dataPath, "Sites", "Default", "clinic.db")};Pooling=False";
        }
        else
        {
            settings["ClinicCms:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:ClinicCms"] = postgres;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddClinicCmsCore(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.HashWithTestRounds();
        return builder.Build();
    }
}
