using ClinicCms.Web.Security.Failures;
using ClinicCms.Web.Security.OpenId;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicCms.Web.Security;

/// <summary>
/// Access ends when it is taken away: editors' cookies and API clients' tokens are checked against their current
/// state on every request, failed token requests are rate limited before OpenIddict, and sign-in failures lock an
/// account per address.
/// </summary>
public static class AccessChecks
{
    /// <summary>Registered after the cookies and OpenIddict, whose settings it extends.</summary>
    public static IServiceCollection AddClinicCmsAccessChecks(this IServiceCollection services)
    {
        services.AddSingleton<ApiClientAccess>();
        services.AddSingleton<TokenRequestLimiter>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<MemoryFailureCounts>();
        services.TryAddSingleton<IFailureCounts>(sp => sp.GetRequiredService<MemoryFailureCounts>()); // Redis's when instances share one
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            o => o.Events.OnValidatePrincipal = EditorSessionCheck.ValidateAsync);
        services.AddOpenIddict()
            .AddServer(o => o.AddEventHandler(UniformClientError.Descriptor))
            .AddValidation(o => o.AddEventHandler(ApiClientTokenCheck.Descriptor));
        return services;
    }

    /// <summary>Goes before authentication, where OpenIddict answers token requests (at the path, and with a trailing slash).</summary>
    public static IApplicationBuilder UseClinicCmsTokenRateLimit(this IApplicationBuilder app) => app.Use((http, next) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments(TokenEndpoint.Path, StringComparison.OrdinalIgnoreCase)
            ? http.RequestServices.GetRequiredService<TokenRequestLimiter>().InvokeAsync(http, next)
            : next(http));
}
