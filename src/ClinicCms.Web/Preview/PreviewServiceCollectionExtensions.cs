namespace ClinicCms.Web.Preview;

public static class PreviewServiceCollectionExtensions
{
    /// <summary>Preview tokens: their settings, their issuer, and their authentication scheme.</summary>
    public static IServiceCollection AddClinicCmsPreview(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PreviewOptions>(configuration.GetSection(PreviewOptions.Section));
        services.AddScoped<PreviewTokenIssuer>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PreviewTokenHandler>(PreviewTokenHandler.SchemeName, null);
        return services;
    }
}
