namespace ClinicCms.Tests.Audit;

/// <summary>The system clock moved by <see cref="Offset"/>, so a test can write as if it were months ago; timers stay the system's.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
