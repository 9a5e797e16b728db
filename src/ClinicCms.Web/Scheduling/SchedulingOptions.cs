namespace ClinicCms.Web.Scheduling;

/// <summary>Settings of the scheduler (<c>ClinicCms:Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "ClinicCms:Scheduling";

    /// <summary>
    /// Seconds between two checks for due publishes and archives (one indexed query each). A check finds what falls due
    /// before the next one and acts on each at its time; an item scheduled after its check waits for the next one, so
    /// nothing is acted on more than this long after its time.
    /// </summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Whether this instance runs the scheduler; several instances may, as each due version is claimed by one.</summary>
    public bool Enabled { get; set; } = true;
}
