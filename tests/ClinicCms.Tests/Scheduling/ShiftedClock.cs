namespace ClinicCms.Tests.Scheduling;

/// <summary>The system clock moved forward by what a test advances it; timers stay the system's, so the scheduler keeps its interval.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public DateTime UtcNow => GetUtcNow().UtcDateTime;
}
