namespace ClinicCms.Web.Hosting;

public static class CorsSetup
{
    public const string Policy = "ClinicCmsFrontends";

    /// <summary>Browser frontends on other origins (ClinicCms:Cors:AllowedOrigins) may call the API.</summary>
    public static IServiceCollection AddClinicCmsCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("ClinicCms:Cors:AllowedOrigins").Get<string[]>() ?? [];
        return services.AddCors(o => o.AddPolicy(Policy, policy =>
        {
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Content-Type", "Authorization").SetPreflightMaxAge(TimeSpan.FromHours(1));
            }
        }));
    }
}
