using NLog;
using NLog.Extensions.Logging;

namespace ClinicCms.Web.Hosting;

public static class NLogSetup
{
    /// <summary>Logs through NLog with nlog.config next to the app; its file target writes under the data folder's logs/.</summary>
    public static ILoggingBuilder AddClinicCmsNLog(this ILoggingBuilder logging, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(ClinicCmsOptions.Section).Get<ClinicCmsOptions>() ?? new ClinicCmsOptions();
        var paths = new AppDataPaths(options.AppDataPath, contentRoot);
        var config = new NLog.Config.XmlLoggingConfiguration(Path.Combine(AppContext.BaseDirectory, "nlog.config"));
        config.Variables["appDataPath"] = paths.Root;
        LogManager.Configuration = config;
        // No layout prints a scope's values, and the host opens one per request.
        logging.AddNLog(config, new NLogProviderOptions { IncludeScopes = false });
        return logging;
    }
}
