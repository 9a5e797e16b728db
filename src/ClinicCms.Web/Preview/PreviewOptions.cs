namespace ClinicCms.Web.Preview;

/// <summary>ClinicCms:Preview: preview tokens for frontends' draft mode.</summary>
public sealed class PreviewOptions
{
    public const string Section = "ClinicCms:Preview";

    /// <summary>How long a preview token is accepted after it was issued, in minutes.</summary>
    public int TokenMinutes { get; set; } = 30;
}
