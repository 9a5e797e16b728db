namespace ClinicCms.Web.ScaleOut;

/// <summary>The ClinicCms:Redis section: when Configuration is set, instances share keys, a setup lock and change notifications through Redis.</summary>
public sealed class RedisOptions
{
    public const string Section = "ClinicCms:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "127.0.0.1:6379".</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several sites can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "cliniccms:";
}
