using ClinicCms.GraphQL;
using ClinicCms.Web.Admin;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Web.Api;
using ClinicCms.Web.Audit;
using ClinicCms.Web.CommandLine;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Media;
using ClinicCms.Web.Preview;
using ClinicCms.Web.ScaleOut;
using ClinicCms.Web.Scheduling;
using ClinicCms.Web.Security;
using ClinicCms.Web.Security.OpenId;
using ClinicCms.Web.Setup;
using ClinicCms.Web.Webhooks;
using Microsoft.Extensions.Options;

// `recipe run|export ...` runs on the same services without a web server.
if (RecipeCommand.Matches(args))
{
    return await RecipeCommand.RunAsync(args);
}

// `index rebuild` rebuilds the search index from the store, likewise without a web server.
if (IndexCommand.Matches(args))
{
    return await IndexCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// Logging: NLog, to the console and the data folder's logs/.
builder.Logging.ClearProviders().AddClinicCmsNLog(builder.Configuration, builder.Environment.ContentRootPath);

// Content store, recipes, users and setup.
var paths = builder.Services.AddClinicCmsCore(builder.Configuration, builder.Environment.ContentRootPath);

// Several instances: Redis (when configured) shares keys, the setup lock and change notifications; health endpoints.
var redis = builder.Services.AddClinicCmsScaleOut(builder.Configuration);

// Editors' cookies, API clients' tokens, permissions, rate limits; X-Forwarded-* from trusted proxies; request bodies are bounded.
builder.Services.AddClinicCmsSecurity(builder.Configuration, paths, redis);
builder.Services.AddClinicCmsForwardedHeaders(builder.Configuration);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("ClinicCms:MaxRequestBodyBytes") ?? 10 * 1024 * 1024);

// The GraphQL API, the REST content API with its OpenAPI document, and CORS for browser frontends.
builder.Services.AddClinicCmsGraphQL(builder.Configuration, exposeExceptions: builder.Environment.IsDevelopment());
// The document names no server: the default one is the request's Host header, which any client sets.
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Servers = [];
    return Task.CompletedTask;
}));
builder.Services.AddClinicCmsCors(builder.Configuration);
// Permissions, settings and the schema load on another thread while the server starts, not in the first request.
builder.Services.AddSingleton<StartWarmup>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StartWarmup>());

// Server-rendered pages: sign-in and the admin, which needs AccessAdminPanel throughout.
builder.Services.AddRazorPages(o => o.Conventions
    .AuthorizeFolder("/Admin", Policies.AccessAdminPanel)
    .AuthorizeFolder("/Admin/Types", Policies.EditContentTypes)
    .AuthorizeFolder("/Admin/Users", Policies.ManageUsers)
    .AuthorizeFolder("/Admin/Roles", Policies.ManageRoles)
    .AuthorizeFolder("/Admin/Media", Policies.ManageOwnMedia)
    .AuthorizeFolder("/Admin/Clients", Policies.ManageApiClients)
    .AuthorizeFolder("/Admin/Recipes", Policies.Import)
    .AuthorizeFolder("/Admin/Audit", Policies.ViewAuditTrail)
    .AuthorizeFolder("/Admin/Webhooks", Policies.ManageWebhooks));
builder.Services.AddClinicCmsAdmin();

// The scheduler: publishes and archives content at its PublishLaterPart and ArchiveLaterPart times.
builder.Services.AddClinicCmsScheduling(builder.Configuration);
// The audit trail: who changed what, from where; old rows go after ClinicCms:Audit:RetentionDays.
builder.Services.AddClinicCmsAudit(builder.Configuration);
// Preview tokens: a frontend's draft mode reads one item's drafts through GraphQL with the issuer's rights.
builder.Services.AddClinicCmsPreview(builder.Configuration);

// Webhooks: signed deliveries from the outbox that writes fill, retried with backoff, sent by one instance each.
builder.Services.AddClinicCmsWebhooks(builder.Configuration);

var app = builder.Build();

// Migrate, and set the site up from its recipe on first run: on another thread while the pipeline below is built,
// and done before the server takes its first request.
var setUp = Task.Run(() => app.Services.SetUpClinicCmsAsync());

// A client that resets its connection mid-request ends it quietly, not as an unhandled exception; a form no reader
// can decode is refused before one tries.
app.UseClinicCmsClientAborts();
app.UseClinicCmsUnreadableForms();
// The visitor's scheme, host and address from trusted proxies, before anything reads them; HSTS on HTTPS outside
// Development; sign-in and tokens only over HTTPS or from this host.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseClinicCmsSecurityHeaders();
app.UseClinicCmsTransportSecurity();
app.UseClinicCmsStaticFiles();
app.UseClinicCmsMedia();
app.UseRouting();
app.UseCors();
app.UseClinicCmsTokenRateLimit();
// Authentication runs for requests that carry credentials or go to OpenIddict; an anonymous read skips it.
app.UseClinicCmsAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
// Dashboard forms read before antiforgery does, so that a client's reset there is not logged as an error.
app.UseClinicCmsFormsReadFirst();
app.UseAntiforgery();

var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
app.MapClinicCmsGraphQL().RequireCors(CorsSetup.Policy).RequireApiRateLimit(security).AddEndpointFilter<InvalidBearerTokenFilter>();
app.MapClinicCmsContentApi();
app.MapClinicCmsPreviewTokens();
app.MapClinicCmsTokenEndpoint();
app.MapOpenApi();
app.MapRazorPages();
app.MapClinicCmsAdminEndpoints();
app.MapClinicCmsHealth();
app.MapClinicCmsBenchmarkLimit(app.Configuration);
app.MapGet("/", () => Results.Redirect("/admin"));

try
{
    await setUp;
}
catch (System.Data.Common.DbException e)
{
    // A wrong password, a server down: said in one line and an exit code, not an unhandled exception's abort.
    if (app.Logger.IsEnabled(LogLevel.Critical))
    {
        app.Logger.LogCritical("The server did not start: the database could not be used ({Reason})", e.Message);
    }
    return 1;
}

await app.RunAsync();
return 0;
