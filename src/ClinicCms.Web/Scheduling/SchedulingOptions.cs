namespace ClinicCms.Web.Scheduling;

/// <summary>Settings of the scheduler (<c>ClinicCms:Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "ClinicCms:Scheduling";

    /// <summary>Seconds between two checks for due publishes and archives; an item is acted on at most this long after its time.</summary>
    public int IntervalSeconds { get; set; } = 30;

    /// <summary>Whether this instance runs the scheduler; several instances may, as each due version is claimed by one.</summary>
    public bool Enabled { get; set; } = true;
}
