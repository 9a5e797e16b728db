namespace ClinicCms.Tests.TestHost;

/// <summary>
/// The system clock moved by <see cref="Offset"/> (forward with <see cref="Advance"/>, or back to write as if months
/// ago); timers stay the system's, so background services keep their intervals.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public DateTime UtcNow => GetUtcNow().UtcDateTime;
}
