using ClinicCms.Content;
using ClinicCms.Content.Store;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Steps;
using ClinicCms.Web.Security.Recipes;
using ClinicCms.Web.Setup;
using Microsoft.AspNetCore.Identity;

namespace ClinicCms.Web.Hosting;

public static class ClinicCmsHostExtensions
{
    /// <summary>Everything but HTTP: options, data folder, store on the chosen provider, recipes, users, setup. Shared by the web host and the command line.</summary>
    public static AppDataPaths AddClinicCmsCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(ClinicCmsOptions.Section).Get<ClinicCmsOptions>() ?? new ClinicCmsOptions();
        var paths = new AppDataPaths(options.AppDataPath, contentRoot, options.RecipesPath);
        Directory.CreateDirectory(paths.DefaultSite);
        services.AddSingleton(paths);
        services.Configure<ClinicCmsOptions>(configuration.GetSection(ClinicCmsOptions.Section));

        var connectionString = configuration.GetConnectionString("ClinicCms");
        if (options.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException("ClinicCms:Database:Provider is Postgres, but ConnectionStrings:ClinicCms is not set.");
        }
        services.AddClinicCmsContent(options.Database.Provider, string.IsNullOrEmpty(connectionString) ? paths.SqliteConnectionString : connectionString);
        // The readers' memory settings have always been written in the GraphQL section; they belong to Content now.
        services.Configure<ClinicCms.Content.Reading.ContentReadOptions>(configuration.GetSection("ClinicCms:GraphQL"));
        services.Configure<ClinicCms.Content.Search.SearchOptions>(configuration.GetSection(ClinicCms.Content.Search.SearchOptions.Section));
        services.AddClinicCmsRecipes();

        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClinicCmsDbContext>();

        // API clients and scopes in our database; recipes create them, as they create users.
        services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ClinicCmsDbContext>());
        services.AddScoped<IRecipeStep, UsersStep>();
        services.AddScoped<IRecipeStep, OpenIdApplicationStep>();
        services.AddScoped<IRecipeStep, OpenIdScopeStep>();
        services.AddScoped<IRecipeStep, OpenIdServerSettingsStep>();
        services.Configure<Media.MediaOptions>(configuration.GetSection(Media.MediaOptions.Section));
        services.AddSingleton<Media.MediaStore>();
        services.AddSingleton<Media.MediaVariants>();
        services.AddSingleton<Media.NewVariantBudget>();
        services.AddSingleton<ClinicCms.Content.Media.IMediaVersions, Media.MediaVersions>();
        // The form reader's own cap (128 MB by default) must not undercut a larger media limit.
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>().Configure<Microsoft.Extensions.Options.IOptions<Media.MediaOptions>>((form, media) =>
            form.MultipartBodyLengthLimit = Math.Max(form.MultipartBodyLengthLimit, Media.MediaUploadLimit.BodyLimit(media.Value)));
        services.AddScoped<IRecipeStep, Media.MediaStep>();

        services.AddScoped<SiteMigrator>();
        services.AddScoped<SetupService>();
        services.AddScoped<RecipeLocator>();
        return paths;
    }
}
