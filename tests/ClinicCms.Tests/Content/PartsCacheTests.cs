using ClinicCms.Content.Reading;
using Microsoft.Extensions.Options;

namespace ClinicCms.Tests.Content;

/// <summary>The parsed-parts cache: keyed by row and stamp, bounded by its size estimate, least recently read out first.</summary>
public sealed class PartsCacheTests
{
    // 1,000 characters of JSON: an estimated 3,256 bytes per entry.
    private static string Json(int row) => "{\"TitlePart\":{\"Title\":\"" + row.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(974, 'x') + "\"}}";

    private static PartsCache Cache(long limit) => new(Options.Create(new ContentReadOptions { PartsCacheSizeBytes = limit }));

    [Fact]
    public void An_entry_is_found_by_its_row_and_stamp_only_and_a_new_stamp_replaces_it()
    {
        var cache = Cache(1024 * 1024);
        var parts = cache.Add(1, "a", Json(1));

        Assert.True(cache.TryGet(1, "a", out var found));
        Assert.Same(parts, found);
        Assert.False(cache.TryGet(1, "b", out _));
        Assert.False(cache.TryGet(2, "a", out _));

        var changed = cache.Add(1, "b", Json(2));
        Assert.False(cache.TryGet(1, "a", out _));
        Assert.True(cache.TryGet(1, "b", out found));
        Assert.Same(changed, found);
        Assert.EndsWith("2", found["TitlePart"]!["Title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Past_its_limit_it_drops_the_entries_least_recently_read_and_keeps_those_read_since()
    {
        var cache = Cache(10 * 3256); // room for ten
        for (var row = 1; row <= 10; row++)
        {
            cache.Add(row, "s", Json(row));
        }
        Assert.All(Enumerable.Range(1, 10), row => Assert.True(cache.TryGet(row, "s", out _)));

        cache.Add(11, "s", Json(11)); // over: trimmed to nine tenths, two out

        // Read three of those left (a read marks an entry; a miss does not), then go over again: the others go first.
        var read = new List<int>();
        for (var row = 1; row <= 11 && read.Count < 3; row++)
        {
            if (cache.TryGet(row, "s", out _))
            {
                read.Add(row);
            }
        }
        cache.Add(12, "s", Json(12));
        cache.Add(13, "s", Json(13));

        Assert.All(read, row => Assert.True(cache.TryGet(row, "s", out _)));
        Assert.True(cache.TryGet(13, "s", out _));
        Assert.Equal(9, Enumerable.Range(1, 13).Count(row => cache.TryGet(row, "s", out _)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3255)] // smaller than the one entry
    public void Below_an_entry_it_keeps_nothing_and_still_parses(long limit)
    {
        var cache = Cache(limit);
        var parts = cache.Add(1, "a", Json(1));

        Assert.NotNull(parts["TitlePart"]);
        Assert.False(cache.TryGet(1, "a", out _));
    }

    [Fact]
    public void Parallel_readers_and_writers_leave_it_within_its_limit()
    {
        var cache = Cache(20 * 3256);
        Parallel.For(0, 40_000, i =>
        {
            var row = i % 200;
            if (!cache.TryGet(row, "s", out _))
            {
                cache.Add(row, "s", Json(row));
            }
        });
        Assert.InRange(Enumerable.Range(0, 200).Count(row => cache.TryGet(row, "s", out _)), 1, 20);
    }
}
