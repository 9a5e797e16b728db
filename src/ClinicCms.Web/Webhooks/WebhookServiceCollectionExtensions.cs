using System.Globalization;

namespace ClinicCms.Web.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>The webhook sender and deliverer, as a hosted service unless <c>ClinicCms:Webhooks:SendDeliveries</c> is false.</summary>
    public static IServiceCollection AddClinicCmsWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookOptions.Section);
        services.Configure<WebhookOptions>(section);
        services.PostConfigure<WebhookOptions>(o =>
        {
            if (RetryDelays(section.GetSection("RetryDelaysSeconds")) is { } delays)
            {
                o.RetryDelays = delays;
            }
        });
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<ClinicCms.Content.Webhooks.IWebhookUrlRule, PrivateTargetRule>();
        services.AddSingleton<WebhookDeliverer>();
        if (section.Get<WebhookOptions>()?.SendDeliveries != false)
        {
            services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliverer>());
        }
        return services;
    }

    /// <summary>The configured retry delays: a list, or one comma-separated value; null when not configured.</summary>
    private static List<TimeSpan>? RetryDelays(IConfigurationSection section)
    {
        var values = section.Value is { } text ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [.. section.GetChildren().Select(c => c.Value ?? "")];
        if (section.Value is null && values.Length == 0)
        {
            return null;
        }
        return [.. values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{WebhookOptions.Section}:RetryDelaysSeconds: \"{v}\" is not a number of seconds"))];
    }
}
