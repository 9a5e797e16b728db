using ClinicCms.GraphQL.Queries;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Security.OpenId;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;

namespace ClinicCms.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>The scheme that reads a bearer token when one is sent, and the editor's cookie otherwise.</summary>
    public const string Scheme = "ClinicCms";

    /// <summary>Editors' cookies, API clients' tokens (OpenIddict), permissions, policies and rate limits.</summary>
    public static IServiceCollection AddClinicCmsSecurity(this IServiceCollection services, IConfiguration configuration, AppDataPaths paths,
        StackExchange.Redis.IConnectionMultiplexer? redis = null)
    {
        var keyPrefix = configuration.GetSection(ScaleOut.RedisOptions.Section).Get<ScaleOut.RedisOptions>()?.KeyPrefix ?? "cliniccms:";
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));

        // Keys for cookies and antiforgery tokens live in the data folder (or in Redis, shared by every instance),
        // so sign-ins survive a restart.
        var dataProtection = services.AddDataProtection().SetApplicationName("ClinicCms");
        if (redis is null)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DefaultSite, "DataProtection-Keys")));
        }

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Bearer token or editor cookie", o => o.ForwardDefaultSelector = http =>
                BearerToken.Of(http.Request) is { } token
                    ? Preview.PreviewToken.LooksLikeOne(token) ? Preview.PreviewTokenHandler.SchemeName : OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddIdentityCore<IdentityUser>().AddSignInManager();
        services.Configure<IdentityOptions>(o =>
        {
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = security.LockoutMaxFailedAttempts;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ClinicCms.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (after trusted forwarded headers); sign-in over plain HTTP is only
            // possible from this host (TransportSecurity), where a developer has no certificate.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API call gets a status code, never a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = context => ApiStatusOr(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiStatusOr(context, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ClinicCms.Antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddOpenIddict()
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                o.AddSigningKey(OpenIdKeys.Load(paths, "signing", redis, keyPrefix));
                o.AddEncryptionKey(OpenIdKeys.Load(paths, "encryption", redis, keyPrefix));
                o.SetAccessTokenLifetime(TimeSpan.FromSeconds(security.AccessTokenSeconds));
                // TransportSecurity checks the transport of /connect/token, allowing loopback, which OpenIddict's check cannot.
                o.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        services.AddClinicCmsAccessChecks();
        services.AddAuthorization(Policies.Add);
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddSingleton<RolePermissionCache>();
        services.AddSingleton<SiteSettingsCache>();
        services.AddScoped<PermissionService>();
        services.AddScoped<ContentAuthorizer>();
        services.AddScoped<IContentReadAccess, GraphQLContentAccess>();
        services.AddRateLimiter(o => RateLimits.Add(o, security));
        services.AddSingleton<ISearchBudget, SearchBudget>();
        return services;
    }

    private static Task ApiStatusOr(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                // A 401 names how to authenticate: an API client sends a bearer token (a browser its cookie).
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
