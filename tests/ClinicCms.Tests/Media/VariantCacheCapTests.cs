using System.Net;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>
/// The variant cache's cap: least recently used variants go first, files being written and originals never, two
/// instances trimming one folder at once agree, and over HTTP the cache stays under the cap while every request is served.
/// </summary>
public sealed class VariantCacheCapTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_least_recently_used_variants_go_first_and_files_being_written_stay()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "MediaCache");
        var a = Write(root, "a1/one.jpg", 1000, Start.AddMinutes(1));
        var b = Write(root, "b2/two.jpg", 1000, Start.AddMinutes(2));
        var c = Write(root, "c3/three.jpg", 1000, Start.AddMinutes(3));
        var writing = Write(root, "c3/.upload.tmp", 5000, Start);
        var cap = new VariantCacheCap(root, 2500, TimeProvider.System);

        var d = Write(root, "d4/four.jpg", 1000, Start.AddMinutes(4));
        cap.Added(d, 1000);

        // Over by 1,500 of 2,500: trimmed to nine tenths (2,250), oldest use first.
        Assert.Equal([false, false, true, true, true], new[] { a, b, c, d, writing }.Select(File.Exists));

        cap.Touch(c); // a hit: c is now the most recently used
        var e = Write(root, "e5/five.jpg", 1000, Start.AddMinutes(5));
        cap.Added(e, 1000);

        Assert.Equal([true, false, true], new[] { c, d, e }.Select(File.Exists));
        Assert.True(File.Exists(writing));
    }

    [Fact]
    public async Task Two_instances_trimming_one_folder_at_once_leave_it_under_the_cap_without_an_error()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "MediaCache");
        var files = Enumerable.Range(0, 200).Select(i => Write(root, $"f{i % 20}/v{i}.jpg", 1000, Start.AddSeconds(i))).ToList();
        var first = new VariantCacheCap(root, 50_000, TimeProvider.System);
        var second = new VariantCacheCap(root, 50_000, TimeProvider.System);

        var trims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).Trim())));

        var left = files.Where(File.Exists).ToList();
        Assert.InRange(left.Count, 1, 50);
        Assert.All(trims, t => Assert.True(t <= 50_000, $"{t} bytes left")); // a trim that found another running says what it knew
        Assert.Equal(files.Skip(files.Count - left.Count), left); // the newest are the ones left
    }

    [Fact]
    public async Task Over_http_the_cache_stays_under_its_cap_originals_stay_and_a_trimmed_variant_is_made_again()
    {
        using var data = new TempFolder();
        await using var app = new ClinicCmsApp(data: data, settings: new Dictionary<string, string> { ["ClinicCms:Media:CacheMaxBytes"] = "3000" });
        var http = app.CreateClient();
        var store = app.Services.GetRequiredService<MediaStore>();
        var variants = app.Services.GetRequiredService<MediaVariants>();
        var original = TestImages.Jpeg(600, 400);
        Assert.Null((await store.SaveAsync("", "photo.jpg", new MemoryStream(original), original.Length)).Error);

        var queries = new[] { "width=16", "width=32", "width=50", "width=100", "width=160", "width=240", "width=16&format=png", "width=32&format=webp" };
        foreach (var query in queries.Concat(queries))
        {
            using var response = await http.GetAsync($"/media/photo.jpg?{query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode}");
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
            var cached = Directory.GetFiles(variants.Root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Assert.True(cached <= 3000 || Directory.GetFiles(variants.Root, "*", SearchOption.AllDirectories).Length == 1, $"{cached} bytes cached after {query}");
        }
        Assert.Equal(original, await File.ReadAllBytesAsync(store.Resolve("photo.jpg")));
        Assert.True(variants.Resized > queries.Length); // some variants were trimmed and made again
    }

    private static string Write(string root, string relative, int length, DateTime used)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[length]);
        File.SetLastWriteTimeUtc(path, used);
        File.SetLastAccessTimeUtc(path, used);
        return path;
    }
}
