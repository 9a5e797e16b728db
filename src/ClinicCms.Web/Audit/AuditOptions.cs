namespace ClinicCms.Web.Audit;

/// <summary>The ClinicCms:Audit configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "ClinicCms:Audit";

    /// <summary>Rows older than this many days are deleted by the daily pass; 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 365;
}
