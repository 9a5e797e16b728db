using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using ClinicCms.Recipes;
using ClinicCms.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Setup;

/// <summary>
/// Brings the database to the current migration (through <see cref="SiteMigrator"/>) and, if the site was never set
/// up, runs the setup recipe and creates the administrator, all in one transaction. The setup marker is written first in that transaction,
/// so a second process starting at the same moment waits, then finds the site set up and does nothing.
/// </summary>
public sealed partial class SetupService(
    ClinicCmsDbContext db,
    RecipeExecutor executor,
    RecipeLocator recipes,
    UserManager<IdentityUser> users,
    ClinicCms.Content.Security.RoleStore roles,
    IOptions<ClinicCmsOptions> options,
    IConfiguration configuration,
    SiteMigrator migrator,
    ILogger<SetupService> logger)
{
    public const string AdministratorRole = ClinicCms.Content.Security.Stereotypes.Administrator;

    /// <summary>Brings the database to the current migration (<see cref="SiteMigrator.MigrateAsync"/>).</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => migrator.MigrateAsync(cancellationToken);

    public Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default) => migrator.IsSetUpAsync(cancellationToken);

    /// <summary>Sets the site up with the configured recipe, or <paramref name="recipeOverride"/>; returns null when it was set up already.</summary>
    public async Task<RecipeReport?> SetUpAsync(string? recipeOverride = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (await IsSetUpAsync(cancellationToken))
        {
            return null;
        }
        var setup = options.Value.Setup;
        var recipe = recipes.Find(recipeOverride ?? setup.Recipe);
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        if (!await ClaimSetupAsync(recipe, cancellationToken))
        {
            return null;
        }
        LogSetupStarting(recipe.Name ?? recipe.FileName, setup.SiteName);
        var adminId = IdGenerator.NewId();
        var parameters = new Dictionary<string, string>
        {
            ["SiteName"] = setup.SiteName,
            ["AdminUserId"] = adminId,
            ["AdminUsername"] = setup.AdminUserName,
            ["AdminEmail"] = setup.AdminEmail,
            ["DatabaseProvider"] = db.Database.IsNpgsql() ? "Postgres" : "Sqlite",
            ["SiteTimeZone"] = "UTC",
            ["RecipeName"] = recipe.Name ?? "",
        };
        var report = await executor.RunAsync(recipe, new RecipeRunOptions
        {
            Parameters = parameters,
            Configuration = key => configuration[key],
            User = new ContentUser(adminId, setup.AdminUserName) { CanReview = true }, // the operator setting the site up
            Progress = progress,
        }, cancellationToken);
        await CreateAdministratorAsync(adminId, setup);
        await transaction.CommitAsync(cancellationToken);
        LogSetupDone(recipe.Name ?? recipe.FileName, setup.AdminUserName);
        return report;
    }

    private async Task<bool> ClaimSetupAsync(RecipeDescriptor recipe, CancellationToken cancellationToken)
    {
        if (await IsSetUpAsync(cancellationToken))
        {
            return false;
        }
        db.SiteDocuments.Add(new SiteDocument
        {
            Name = SiteDocumentNames.Setup,
            Version = 1,
            Content = new JsonObject { ["Recipe"] = recipe.Name ?? recipe.FileName, ["SetUpUtc"] = DateTime.UtcNow.ToString("O") }.ToJsonString(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another process set the site up while we waited for its lock
            return false;
        }
    }

    private async Task CreateAdministratorAsync(string adminId, SetupOptions setup)
    {
        var password = string.IsNullOrEmpty(setup.AdminPassword) ? GeneratePassword() : setup.AdminPassword;
        // Every site has the system roles, whatever its recipe says (Orchard 3.0 creates them itself).
        foreach (var name in ClinicCms.Content.Security.Stereotypes.SystemRoles)
        {
            if (await roles.FindAsync(name) is null)
            {
                await roles.SaveAsync(new ClinicCms.Content.Security.RoleDefinition(name, null, ClinicCms.Content.Security.Stereotypes.Defaults.GetValueOrDefault(name) ?? []));
            }
        }
        var admin = new IdentityUser(setup.AdminUserName) { Id = adminId, Email = setup.AdminEmail, EmailConfirmed = true };
        Check(await users.CreateAsync(admin, password), $"create the administrator '{setup.AdminUserName}'");
        Check(await users.AddToRoleAsync(admin, AdministratorRole), "make the administrator an Administrator");
        if (string.IsNullOrEmpty(setup.AdminPassword))
        {
            // Printed once, on the console only: never logged.
            Console.WriteLine($"ClinicCms: administrator '{setup.AdminUserName}' created with the generated password: {password}");
            Console.WriteLine("ClinicCms: this password is shown only now; set ClinicCms__Setup__AdminPassword to choose your own on a new site.");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Setup could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var body = RandomNumberGenerator.GetString(alphabet, 20);
        return $"{body[..5]}-{body[5..10]}-{body[10..15]}-{body[15..]}!9a";
    }

    [LoggerMessage(LogLevel.Information, "Setting up the site '{SiteName}' with the recipe {Recipe}")]
    private partial void LogSetupStarting(string recipe, string siteName);

    [LoggerMessage(LogLevel.Information, "Setup with the recipe {Recipe} done; administrator: {AdminUserName}")]
    private partial void LogSetupDone(string recipe, string adminUserName);
}
