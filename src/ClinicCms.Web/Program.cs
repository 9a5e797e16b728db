using ClinicCms.GraphQL;
using ClinicCms.GraphQL.Execution;
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

// The GraphQL API, and CORS for browser frontends on other origins.
builder.Services.AddClinicCmsGraphQL(builder.Configuration, exposeExceptions: builder.Environment.IsDevelopment());
builder.Services.AddClinicCmsCors(builder.Configuration);

var app = builder.Build();

// Migrate, and set the site up from its recipe on first run.
await app.Services.SetUpClinicCmsAsync();

app.UseCors();
app.MapClinicCmsGraphQL().RequireCors(CorsSetup.Policy);
app.MapGet("/", () => Results.Text("ClinicCms is running. The GraphQL API is at /api/graphql."));

await app.RunAsync();
return 0;
