using ClinicCms.Web.CommandLine;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Setup;

// `recipe run|export ...` runs on the same services without a web server.
if (RecipeCommand.Matches(args))
{
    return await RecipeCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// Logging: NLog, to the console and the data folder's logs/.
builder.Logging.ClearProviders().AddClinicCmsNLog(builder.Configuration, builder.Environment.ContentRootPath);

// Content store, recipes, users and setup.
builder.Services.AddClinicCmsCore(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();

// Migrate, and set the site up from its recipe on first run.
await app.Services.SetUpClinicCmsAsync();

app.MapGet("/", () => Results.Text("ClinicCms is running."));

await app.RunAsync();
return 0;
