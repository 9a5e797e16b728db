using ClinicCms.Content;
using ClinicCms.Content.Store;
using ClinicCms.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// The content store and recipes without a web host, on a new database of either provider with the real
/// migrations: a SQLite file in a temp folder, or a new PostgreSQL database dropped on dispose.
/// </summary>
public sealed class StoreSite : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempFolder? _folder;
    private readonly PostgresDatabase? _database;

    private StoreSite(ServiceProvider services, TempFolder? folder, PostgresDatabase? database)
    {
        _services = services;
        _folder = folder;
        _database = database;
    }

    /// <summary>A store on the test run's database (see <see cref="ServiceRequirement.OnPostgres"/>).</summary>
    public static Task<StoreSite> CreateAsync(Action<IServiceCollection>? services = null) =>
        ServiceRequirement.OnPostgres ? CreatePostgresAsync(services) : CreateSqliteAsync(services);

    /// <summary>
    /// A store on a new SQLite file; with <paramref name="recipe"/>, a copy of a file that recipe was run on once
    /// for the test run (importing costs far more than copying), else a new file migrated here.
    /// </summary>
    public static async Task<StoreSite> CreateSqliteAsync(Action<IServiceCollection>? services = null, string? recipe = null)
    {
        var folder = new TempFolder();
        if (recipe is not null)
        {
            File.Copy(await PreparedFileAsync(recipe), folder.File("store.db"));
        }
        var site = new StoreSite(Build(DatabaseProvider.Sqlite, $"Data Source={folder.File("store.db")};Pooling=False", services), folder, null);
        await site.MigrateAsync();
        return site;
    }

    /// <summary>
    /// A store on a new PostgreSQL database copied from a migrated template; with <paramref name="recipe"/>, from a
    /// template that recipe was run on once for the test run.
    /// </summary>
    public static async Task<StoreSite> CreatePostgresAsync(Action<IServiceCollection>? services = null, string? recipe = null)
    {
        var database = recipe is null
            ? await PostgresDatabase.CreateMigratedAsync(MigrateTemplateAsync)
            : await PostgresDatabase.CreateFromTemplateAsync("recipe:" + recipe, async connectionString =>
            {
                await using var template = new StoreSite(Build(DatabaseProvider.Postgres, connectionString, null), null, null);
                await template.MigrateAsync();
                await template.RunRecipeAsync(recipe);
            });
        var site = new StoreSite(Build(DatabaseProvider.Postgres, database.ConnectionString, services), null, database);
        await site.MigrateAsync();
        return site;
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<RecipeReport> RunRecipeAsync(string path) => InScopeAsync(sp =>
        sp.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.ReadFile(path), new RecipeRunOptions()));

    /// <summary>Runs a recipe whose [file:...] paths are relative to <paramref name="basePath"/> rather than the recipe's folder.</summary>
    public Task<RecipeReport> RunRecipeAsync(string path, string basePath) => InScopeAsync(async sp =>
    {
        await using var stream = File.OpenRead(path);
        return await sp.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.Read(stream, Path.GetFileName(path), basePath), new RecipeRunOptions());
    });

    public Task<RecipeReport> RunRecipeTextAsync(string json, string fileName, string? basePath = null) => InScopeAsync(sp =>
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return sp.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.Read(stream, fileName, basePath ?? Path.GetTempPath()), new RecipeRunOptions());
    });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static readonly SemaphoreSlim PreparingLock = new(1, 1);
    private static readonly Dictionary<string, string> PreparedFiles = [];

    // The SQLite file a recipe was run on, made once for the test run and deleted when it ends.
    private static async Task<string> PreparedFileAsync(string recipe)
    {
        await PreparingLock.WaitAsync();
        try
        {
            if (!PreparedFiles.TryGetValue(recipe, out var file))
            {
                var folder = new TempFolder();
                file = folder.File("store.db");
                // Pooling off: disposing the store closes the file, which checkpoints its write-ahead log.
                await using (var prepared = new StoreSite(Build(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", null), null, null))
                {
                    await prepared.MigrateAsync();
                    await prepared.RunRecipeAsync(recipe);
                }
                AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
                PreparedFiles[recipe] = file;
            }
            return file;
        }
        finally
        {
            PreparingLock.Release();
        }
    }

    private static ServiceProvider Build(DatabaseProvider provider, string connectionString, Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClinicCmsContent(provider, connectionString);
        services.AddClinicCmsRecipes();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task MigrateTemplateAsync(string connectionString)
    {
        await using var template = new StoreSite(Build(DatabaseProvider.Postgres, connectionString, null), null, null);
        await template.MigrateAsync();
    }

    // A copy of the migrated template is migrated again: EF finds every migration applied and checks only that.
    private Task<int> MigrateAsync() => InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<ClinicCmsDbContext>().Database.MigrateAsync();
        return 0;
    });
}
