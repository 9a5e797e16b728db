using ClinicCms.Content.Store;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ClinicCms.Web.Hosting;

namespace ClinicCms.Tests.Setup;

public sealed class SetupTests
{
    [Fact]
    public async Task Setup_creates_the_administrator_in_identitys_store_with_the_configured_password()
    {
        await using var app = new ClinicCmsApp(freshSetup: true);
        _ = app.CreateClient();

        var (user, passwordOk, roles) = await app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<IdentityUser>>();
            var admin = (await users.FindByNameAsync("admin"))!;
            return (admin, await users.CheckPasswordAsync(admin, ClinicCmsApp.AdminPassword), await users.GetRolesAsync(admin));
        });

        Assert.Equal("admin@example.com", user.Email);
        Assert.True(passwordOk);
        Assert.Equal(["Administrator"], roles);
        var owner = await app.InScopeAsync(sp => sp.GetRequiredService<ClinicCmsDbContext>().ContentItems.Select(r => r.Owner).Distinct().ToListAsync());
        Assert.Equal([user.Id], owner);
    }

    [Fact]
    public async Task Setup_runs_once_even_when_two_processes_start_together_on_one_database()
    {
        using var data = new TempFolder();
        var first = Host(data.Path);
        var second = Host(data.Path);

        await Task.WhenAll(SetUpAsync(first), SetUpAsync(second));

        await using var scope = first.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicCmsDbContext>();
        Assert.Equal(9, await db.ContentItems.CountAsync());
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.SiteDocuments.CountAsync(d => d.Name == SiteDocumentNames.Setup));
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_setup_recipe_leaves_no_site_behind_and_a_later_start_sets_up()
    {
        using var data = new TempFolder();
        var broken = data.File("broken.recipe.json");
        await File.WriteAllTextAsync(broken, """{ "name": "broken", "steps": [ { "name": "Roles", "Roles": [ { "Name": "X" } ] }, { "name": "Unheard" } ] }""");
        await using var host = Host(data.Path, broken);

        await Assert.ThrowsAsync<ClinicCms.Recipes.RecipeException>(() => SetUpAsync(host));

        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicCmsDbContext>();
        Assert.Equal(0, await db.SiteDocuments.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    // A second "process": its own container, its own connections, the same database file.
    private static ServiceProvider Host(string dataPath, string? recipe = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClinicCms:AppDataPath"] = dataPath,
            ["ConnectionStrings:ClinicCms"] = $"Data Source={Path.Combine(dataPath, "clinic.db")};Pooling=False",
            ["ClinicCms:Setup:AdminPassword"] = ClinicCmsApp.AdminPassword,
            ["ClinicCms:Setup:Recipe"] = recipe ?? RepositoryFiles.ClinicRecipe,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddClinicCmsCore(configuration, RepositoryFiles.Root);
        return services.BuildServiceProvider();
    }

    private static Task SetUpAsync(ServiceProvider services) => services.SetUpClinicCmsAsync();
}
