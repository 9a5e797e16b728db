using System.Net;
using ClinicCms.Tests.Admin;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>The media folder on a real 1 MB tmpfs: a full disk and a read-only one refuse uploads cleanly and show on /health/ready.</summary>
public sealed class MediaStorageTests
{
    [Fact]
    public async Task A_full_or_read_only_media_disk_refuses_uploads_with_507_leaves_no_file_and_fails_readiness()
    {
        using var data = new TempFolder();
        using var disk = TmpfsMount.Create(Path.Combine(data.Path, "Sites", "Default", "Media"), "1m");
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(data: data, settings: new Dictionary<string, string> { ["ClinicCms:Media:MinFreeBytes"] = "0" }));
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var store = site.App.Services.GetRequiredService<MediaStore>();
        using var anonymous = site.Anonymous();
        var ct = TestContext.Current.CancellationToken;

        using var small = await MediaBrowserTests.UploadAsync(admin, "leaflet.pdf", "first version");
        Assert.Equal(HttpStatusCode.Redirect, small.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", ct)).StatusCode);

        // Larger than the disk: the write runs out of space part way.
        var big = new string('x', 2 * 1024 * 1024);
        using var tooBig = await MediaBrowserTests.UploadAsync(admin, "brochure.pdf", big);
        using var replace = await MediaBrowserTests.UploadAsync(admin, "leaflet.pdf", big);
        Assert.Equal(HttpStatusCode.InsufficientStorage, tooBig.StatusCode);
        Assert.Contains("brochure.pdf: The media folder cannot be written (its disk is full); nothing was saved.", await tooBig.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, replace.StatusCode); // an upload never replaces a file: refused before writing
        Assert.Equal(["leaflet.pdf"], Directory.GetFileSystemEntries(store.Root).Select(Path.GetFileName));
        Assert.Equal("first version", await File.ReadAllTextAsync(Path.Combine(store.Root, "leaflet.pdf"), ct));

        // Filled up by something else: readiness says why.
        await FillAsync(Path.Combine(store.Root, "filler.bin"));
        using var full = await anonymous.GetAsync("/health/ready", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Contains("media: The media folder cannot be written (its disk is full).", await full.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        File.Delete(Path.Combine(store.Root, "filler.bin"));

        // Read-only: root is refused too, so this is a real read-only mount, not file modes.
        disk.RemountReadOnly();
        using var readOnly = await MediaBrowserTests.UploadAsync(admin, "map.png", "png");
        using var folder = await PostAsync(admin, "Folder", new() { ["name"] = "leaflets", ["folder"] = "" });
        using var notReady = await anonymous.GetAsync("/health/ready", ct);
        Assert.Equal(HttpStatusCode.InsufficientStorage, readOnly.StatusCode);
        Assert.Contains("map.png: The media folder cannot be written (it is read-only or access is denied); nothing was saved.", await readOnly.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InsufficientStorage, folder.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("media: The media folder cannot be written (it is read-only or access is denied).", await notReady.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(["leaflet.pdf"], Directory.GetFileSystemEntries(store.Root).Select(Path.GetFileName));
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient http, string handler, Dictionary<string, string> values)
    {
        values["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(await http.GetStringAsync("/admin/media"));
        return await http.PostAsync($"/admin/media?handler={handler}", new FormUrlEncodedContent(values));
    }

    private static async Task FillAsync(string path)
    {
        // Unbuffered, so closing has nothing left to write.
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                await file.WriteAsync(block);
                await file.FlushAsync();
            }
        }
        catch (IOException)
        {
            // The disk is full: that was the point.
        }
    }
}
