using ClinicCms.Content;
using ClinicCms.Content.Store;
using ClinicCms.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// The content store and recipes without a web host, on a new database of either provider with the real
/// migrations: a SQLite file in a temp folder, or a new PostgreSQL database dropped on dispose.
/// </summary>
public sealed class StoreSite : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempFolder? _folder;
    private readonly string? _postgresAdmin;
    private readonly string? _databaseName;

    private StoreSite(ServiceProvider services, TempFolder? folder, string? postgresAdmin, string? databaseName)
    {
        _services = services;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
        _databaseName = databaseName;
    }

    public static async Task<StoreSite> CreateSqliteAsync()
    {
        var folder = new TempFolder();
        var site = new StoreSite(Build(DatabaseProvider.Sqlite, $"Data Source={folder.File("store.db")};Pooling=False"), folder, null, null);
        await site.MigrateAsync();
        return site;
    }

    public static async Task<StoreSite> CreatePostgresAsync()
    {
        var admin = ServiceRequirement.Postgres();
        var name = $"cliniccms_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var site = new StoreSite(Build(DatabaseProvider.Postgres, connectionString), null, admin, name);
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
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static ServiceProvider Build(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClinicCmsContent(provider, connectionString);
        services.AddClinicCmsRecipes();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private Task<int> MigrateAsync() => InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<ClinicCmsDbContext>().Database.MigrateAsync();
        return 0;
    });
}
