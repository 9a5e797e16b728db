using System.Net;
using ClinicCms.Tests.Admin;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Media;

/// <summary>Upload sizes against the server's real body limit (Kestrel on 127.0.0.1), and names and paths that are refused with a 400.</summary>
public sealed class MediaLimitsTests
{
    [Fact]
    public async Task Uploads_up_to_the_media_limit_pass_kestrels_limit_and_bad_names_and_empty_paths_get_400s()
    {
        // Other requests keep a 1 MB limit; the media library takes files up to 3 MB.
        var app = new ClinicCmsApp(settings: new Dictionary<string, string>
        {
            ["ClinicCms:MaxRequestBodyBytes"] = "1048576",
            ["ClinicCms:Media:MaxFileBytes"] = "3145728",
        });
        app.StartOnLoopback();
        await using var site = new SecuredSite(app);
        await app.RunRecipeAsync(SecuredSite.Recipe);
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var store = app.Services.GetRequiredService<MediaStore>();
        var ct = TestContext.Current.CancellationToken;

        using var fits = await MediaBrowserTests.UploadAsync(admin, "scan.pdf", new string('x', 2 * 1024 * 1024));
        using var overMediaLimit = await MediaBrowserTests.UploadAsync(admin, "large.pdf", new string('x', 3 * 1024 * 1024 + 100_000));
        using var farOver = await MediaBrowserTests.UploadAsync(admin, "huge.pdf", new string('x', 5 * 1024 * 1024), expectContinue: true);
        Assert.Equal(HttpStatusCode.Redirect, fits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overMediaLimit.StatusCode);
        Assert.Contains("large.pdf: The file is larger than 3 MB.", await overMediaLimit.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, farOver.StatusCode);
        Assert.Contains("larger than the media library's limit of 3 MB per file", await farOver.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        // The page's route with a trailing slash takes the same limits.
        foreach (var (page, name) in new[] { ("/admin/media/", "scan-2.pdf"), ("/admin/Media/", "scan-3.pdf") })
        {
            using var fitsThere = await MediaBrowserTests.UploadAsync(admin, name, new string('x', 2 * 1024 * 1024), page: page);
            using var farOverThere = await MediaBrowserTests.UploadAsync(admin, "huge.pdf", new string('x', 5 * 1024 * 1024), expectContinue: true, page: page);
            Assert.True(fitsThere.StatusCode == HttpStatusCode.Redirect, $"{page}: {fitsThere.StatusCode}");
            Assert.True(farOverThere.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{page}: {farOverThere.StatusCode}");
        }

        var longName = new string('a', 300);
        using var longFile = await MediaBrowserTests.UploadAsync(admin, $"{longName}.pdf", "x");
        using var longFolder = await MediaStorageTests.PostAsync(admin, "Folder", new() { ["name"] = longName, ["folder"] = "" });
        using var longUploadFolder = await MediaBrowserTests.UploadAsync(admin, "a.pdf", "x", folder: longName);
        using var longMove = await MediaStorageTests.PostAsync(admin, "Move", new() { ["path"] = "scan.pdf", ["to"] = $"{longName}.pdf" });
        using var emptyFolder = await MediaStorageTests.PostAsync(admin, "Folder", new() { ["name"] = "", ["folder"] = "" });
        using var emptyMove = await MediaStorageTests.PostAsync(admin, "Move", new() { ["path"] = "", ["to"] = "" });
        using var emptyDelete = await MediaStorageTests.PostAsync(admin, "Delete", new() { ["path"] = "" });
        using var noFile = await MediaStorageTests.PostAsync(admin, "Upload", new() { ["folder"] = "" });
        foreach (var (response, message) in new[]
        {
            (longFile, "is 304 characters long; at most 200 are allowed"),
            (longFolder, "is 300 characters long; at most 200 are allowed"),
            (longUploadFolder, "is 300 characters long; at most 200 are allowed"),
            (longMove, "is 304 characters long; at most 200 are allowed"),
            (emptyFolder, "a folder name is required"),
            (emptyMove, "the path of the file to move is required"),
            (emptyDelete, "the path of the file or folder to delete is required"),
            (noFile, "Choose at least one file to upload."),
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        Assert.Equal(["scan-2.pdf", "scan-3.pdf", "scan.pdf"], store.AllFiles());
        Assert.Empty(Directory.GetDirectories(store.Root));
    }
}
