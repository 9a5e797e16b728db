using ClinicCms.GraphQL.Types;
using GraphQL.Types;

namespace ClinicCms.Tests.GraphQL;

/// <summary>ClinicCms's DateTime scalar writes what GraphQL.NET's writes, for every kind of date and fraction.</summary>
public sealed class IsoDateTimeTests
{
    [Fact]
    public void Dates_are_written_as_GraphQL_NET_writes_them()
    {
        var theirs = new DateTimeGraphType();
        var ours = new IsoDateTimeGraphType();
        var random = new Random(15);
        var dates = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), new(1, 1, 1, 0, 0, 0, 1, DateTimeKind.Local) };
        for (var i = 0; i < 3000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            // Whole seconds, whole milliseconds, fractions with trailing zeros and full ones.
            ticks -= ticks % (i % 4) switch { 0 => TimeSpan.TicksPerSecond, 1 => TimeSpan.TicksPerMillisecond, 2 => 1000, _ => 1 };
            dates.Add(new DateTime(ticks, (DateTimeKind)(i % 3)));
        }
        foreach (var date in dates)
        {
            Assert.Equal(theirs.Serialize(date), ours.Serialize(date));
        }
        Assert.Equal("DateTime", ours.Name);
        Assert.Null(ours.Serialize(null));
        Assert.ThrowsAny<Exception>(() => ours.Serialize(42));
    }
}
