using System.Net;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>The variant cache on a real read-only tmpfs: a resize that cannot be written is a 507 with the reason, and originals are still served.</summary>
public sealed class MediaCacheStorageTests
{
    [Fact]
    public async Task A_read_only_variant_cache_answers_507_and_originals_are_still_served()
    {
        using var data = new TempFolder();
        using var disk = TmpfsMount.Create(Path.Combine(data.Path, "Sites", "Default", "MediaCache"), "1m");
        disk.RemountReadOnly();
        await using var app = new ClinicCmsApp(data: data);
        var http = app.CreateClient();
        var bytes = TestImages.Jpeg(600, 400);
        var (_, error) = await app.Services.GetRequiredService<MediaStore>().SaveAsync("", "photo.jpg", new MemoryStream(bytes), bytes.Length);
        Assert.Null(error);

        using var resized = await http.GetAsync("/media/photo.jpg?width=100");
        Assert.Equal(HttpStatusCode.InsufficientStorage, resized.StatusCode);
        Assert.Contains("The resized image cannot be written (it is read-only or access is denied).", await resized.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(bytes, await http.GetByteArrayAsync("/media/photo.jpg"));
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }
}
